// Who may do what beyond a role alone: the API enforces these, and the web app asks the same rules
// to keep away buttons that would only be refused.

/** Who is asking: their roles and the department they belong to, if any. */
export interface Actor {
  roles: readonly string[];
  department: string | null;
}

/**
 * Who may acknowledge an alert (answer it with a cause and a catch-up plan): analysts and
 * administrators, and reporters of one of its lead departments (`leads`, by code).
 */
export function mayAcknowledge(actor: Actor, leads: readonly string[]): boolean {
  if (actor.roles.includes('admin') || actor.roles.includes('analyst')) return true;
  return (
    actor.roles.includes('reporter') &&
    actor.department !== null &&
    leads.includes(actor.department)
  );
}

/**
 * Who may enter a target's monthly plan: administrators, and reporters of one of the indicator's
 * lead departments (`leads`, by code).
 */
export function mayEditMonthlyPlan(actor: Actor, leads: readonly string[]): boolean {
  if (actor.roles.includes('admin')) return true;
  return (
    actor.roles.includes('reporter') &&
    actor.department !== null &&
    leads.includes(actor.department)
  );
}
