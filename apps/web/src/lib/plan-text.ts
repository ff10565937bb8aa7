// How the plan's numbered parts read as headings, as the plan document writes them.

/** A section's heading: 一、总体要求 (the 、 added when the numeral lacks one). */
export const sectionHeading = (numeral: string, title: string): string =>
  `${numeral}${/[、.．]$/.test(numeral) ? '' : '、'}${title}`;

/** A task's heading: （一）夯实基础 (the brackets added when the numeral lacks them). */
export const taskHeading = (numeral: string, title: string): string =>
  `${/^[(（]/.test(numeral) ? numeral : `（${numeral}）`}${title}`;

/** The headings of the section and task an item of the plan sits in; null when the plan lacks it. */
export function placeInPlan(
  sections: readonly {
    code: string;
    numeral: string;
    title: string;
    tasks: readonly { code: string; numeral: string; title: string }[];
  }[],
  section: string | null,
  task: string | null,
): { section: string; task: string | null } | null {
  const found = sections.find((s) => s.code === section);
  if (!found) return null;
  const inside = found.tasks.find((x) => x.code === task);
  return {
    section: sectionHeading(found.numeral, found.title),
    task: inside ? taskHeading(inside.numeral, inside.title) : null,
  };
}
