import { cellText, isBlankRow } from './figure-check-cells.js';
import {
  error,
  seriesKey,
  warning,
  type CheckContext,
  type CheckedFigure,
  type CheckResult,
  type RowDraft,
} from './figure-check-context.js';
import { checkProvinceSums } from './figure-check-province.js';
import { checkRow } from './figure-check-row.js';
import { checkSeries } from './figure-check-series.js';
import type { Finding, RawFigureRow } from './figure-rows.js';

// The checks every figure faces before it is stored, whichever way it came in. Pure: the API runs them
// inside the transaction that stores the figures, the entry form can run them as the user types.
// Each part in its own file: figure-check-cells (reading cells), -row (the row on its own), -series
// (rows against their series), -province (province against the cities' sum).

/**
 * Checks a batch of rows: each on its own (catalogue, assignment, calendar, the figure), duplicates
 * within the batch, then each series with the batch's rows over the figures in force. Every finding
 * names its row and column.
 */
export function checkFigures(rows: readonly RawFigureRow[], context: CheckContext): CheckResult {
  const findings: Finding[] = [];
  const rejected = new Set<number>();
  const report = (row: number, finding: Omit<Finding, 'row'>) => {
    findings.push({ row, ...finding });
    if (finding.severity === 'error') rejected.add(row);
  };

  const drafts: RowDraft[] = [];
  const blankRows: number[] = [];
  const firstRowOf = new Map<string, number>();
  for (const raw of rows) {
    if (isBlankRow(raw)) {
      // Not reported this time (a template's row left empty): never an error. A note on it has
      // nothing to explain and is not stored, which the sender is told.
      blankRows.push(raw.row);
      const note = cellText(raw.cells.note);
      if (note !== '') report(raw.row, warning('note', 'note_without_value', { note }));
      continue;
    }
    const draft = checkRow(raw, context, (finding) => report(raw.row, finding));
    if (!draft) continue;
    const key = `${seriesKey(draft.indicator.code, draft.region)}\u0000${draft.period}`;
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      report(raw.row, error('period', 'duplicate_row', { first }));
      continue;
    }
    firstRowOf.set(key, raw.row);
    drafts.push(draft);
  }

  const bySeries = new Map<string, RowDraft[]>();
  for (const draft of drafts) {
    const key = seriesKey(draft.indicator.code, draft.region);
    const list = bySeries.get(key);
    if (list) list.push(draft);
    else bySeries.set(key, [draft]);
  }
  const figures: CheckedFigure[] = [];
  for (const list of bySeries.values()) {
    const first = list[0]!;
    figures.push(
      ...checkSeries(list, context.inForce(first.indicator.code, first.region), context, report),
    );
  }
  const indicators = new Map(drafts.map((d) => [d.indicator.code, d.indicator]));
  const figuresOf = new Map<string, CheckedFigure[]>();
  const checkedBySeries = new Map<string, CheckedFigure[]>();
  const add = (map: Map<string, CheckedFigure[]>, key: string, figure: CheckedFigure) => {
    const list = map.get(key);
    if (list) list.push(figure);
    else map.set(key, [figure]);
  };
  for (const figure of figures) {
    add(figuresOf, figure.indicator, figure);
    add(checkedBySeries, seriesKey(figure.indicator, figure.region), figure);
  }
  for (const indicator of indicators.values()) {
    const own = figuresOf.get(indicator.code) ?? [];
    checkProvinceSums(indicator, own, checkedBySeries, context, report);
  }

  findings.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return {
    figures: figures.filter((f) => !rejected.has(f.row)).sort((a, b) => a.row - b.row),
    rejectedRows: [...rejected].sort((a, b) => a - b),
    blankRows,
    findings,
  };
}
