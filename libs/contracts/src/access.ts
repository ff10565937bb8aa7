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

/**
 * Who may file a measure's monthly progress report, or report one of its node tasks done:
 * administrators (naming the unit), and reporters of one of its lead or support units (`units`, by
 * code).
 */
export function mayFileReport(actor: Actor, units: readonly string[]): boolean {
  if (actor.roles.includes('admin')) return true;
  return (
    actor.roles.includes('reporter') &&
    actor.department !== null &&
    units.includes(actor.department)
  );
}

/** Who reviews the units' reports and claims of completion, and raises and closes 督办: the bureau. */
export function mayReview(actor: Actor): boolean {
  return actor.roles.includes('admin') || actor.roles.includes('analyst');
}

/**
 * Who may reply to a supervision notice (督办): reporters of the unit it is addressed to
 * (`department`, by code), and administrators.
 */
export function mayReplyNotice(actor: Actor, department: string): boolean {
  if (actor.roles.includes('admin')) return true;
  return actor.roles.includes('reporter') && actor.department === department;
}
