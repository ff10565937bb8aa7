import type { ValidationIssue } from '@zhibiao/contracts';

/** Validation issues sorted onto a form: single fields, rows of lists, the lists themselves, the rest. */
export interface FormIssues {
  fields: Record<string, string>;
  rows: Record<string, Record<number, string>>;
  lists: Record<string, string>;
  other: ValidationIssue[];
}

export const NO_ISSUES: FormIssues = { fields: {}, rows: {}, lists: {}, other: [] };

const join = (a: string | undefined, b: string) => (a ? `${a}；${b}` : b);

/**
 * Sorts the API's issues (paths like `body.value`, `body.items.2.value`) onto the form's `fields` and
 * `lists`; a list's row gets what is said about the row or any of its fields.
 */
export function sortIssues(
  issues: readonly ValidationIssue[],
  fields: readonly string[],
  lists: readonly string[] = [],
): FormIssues {
  const sorted: FormIssues = { fields: {}, rows: {}, lists: {}, other: [] };
  for (const issue of issues) {
    const path = issue.path.replace(/^body\.?/, '');
    const [head = '', second] = path.split('.');
    if (lists.includes(head)) {
      const index = second === undefined ? NaN : Number(second);
      if (Number.isInteger(index)) {
        const rows = (sorted.rows[head] ??= {});
        rows[index] = join(rows[index], issue.message);
      } else {
        sorted.lists[head] = join(sorted.lists[head], issue.message);
      }
    } else if (fields.includes(head)) {
      sorted.fields[head] = join(sorted.fields[head], issue.message);
    } else {
      sorted.other.push(issue);
    }
  }
  return sorted;
}
