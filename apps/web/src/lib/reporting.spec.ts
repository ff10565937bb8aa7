import { describe, expect, it } from 'vitest';
import type { FindingOut, ReportingRow } from '@zhibiao/contracts';
import {
  blankRows,
  changedItems,
  draftOf,
  findingTotals,
  isChanged,
  isFileLevel,
  isReadable,
  itemOf,
  placeFindings,
  readDraft,
  reportTone,
  rowKey,
  severityOf,
  sortFindings,
  startingPeriod,
  typedFindings,
  yearToDate,
  uploadFailure,
  type Draft,
} from './reporting.js';

function sheetRow(overrides: Partial<ReportingRow> = {}): ReportingRow {
  return {
    indicator: 'DS2020-5G',
    indicatorName: '新开通5G基站',
    unit: '个',
    kind: 'cumulative',
    frequency: 'monthly',
    region: '370100',
    regionName: '济南市',
    period: '2020-11',
    state: 'open',
    closesOn: '2020-12-10',
    current: null,
    previousCumulative: 3000,
    numeratorLabel: null,
    denominatorLabel: null,
    ...overrides,
  };
}

const current = (value: number, valueType: Draft['valueType'] = 'increment') => ({
  value,
  valueType,
  numerator: null,
  denominator: null,
  note: '',
  recordedAt: '2020-12-05T02:00:00Z',
});

const ratioRow = sheetRow({
  indicator: 'DS2020-HAZCHEM-MONITORING',
  kind: 'ratio',
  unit: '%',
  previousCumulative: null,
  numeratorLabel: '已配备监测设备的储罐数',
  denominatorLabel: '储罐总数',
});

const finding = (
  row: number | null,
  column: string | null,
  severity: FindingOut['severity'] = 'error',
): FindingOut => ({
  row,
  column,
  cell: null,
  code: 'negative_count',
  severity,
  message: `${String(row)}:${String(column)}`,
  values: {},
});

describe(draftOf.name, () => {
  it('starts an empty count as an increment and a rate as a level', () => {
    expect(draftOf(sheetRow())).toEqual({
      value: '',
      valueType: 'increment',
      numerator: '',
      denominator: '',
      note: '',
    });
    expect(draftOf(ratioRow).valueType).toBe('level');
  });

  it('starts from the current figure, with an empty note', () => {
    const row = sheetRow({ current: { ...current(4200, 'cumulative'), note: 'old reason' } });
    expect(draftOf(row)).toMatchObject({ value: '4200', valueType: 'cumulative', note: '' });
  });
});

describe(isChanged.name, () => {
  it('sends a figure typed into an empty row, and nothing for a row left empty', () => {
    const row = sheetRow();
    expect(isChanged(row, draftOf(row))).toBe(false);
    expect(isChanged(row, { ...draftOf(row), value: '120' })).toBe(true);
  });

  it('sends a row whose value or value type differs from the current figure', () => {
    const row = sheetRow({ current: current(120) });
    expect(isChanged(row, draftOf(row))).toBe(false);
    expect(isChanged(row, { ...draftOf(row), value: '121' })).toBe(true);
    // The same figure typed another way is no change.
    expect(isChanged(row, { ...draftOf(row), value: '１２０' })).toBe(false);
    expect(isChanged(row, { ...draftOf(row), valueType: 'cumulative' })).toBe(true);
  });

  it('does not send a note alone, nor a cleared row (figures are corrected, not deleted)', () => {
    const row = sheetRow({ current: current(120) });
    expect(isChanged(row, { ...draftOf(row), note: 'why' })).toBe(false);
    expect(isChanged(row, { ...draftOf(row), value: '' })).toBe(false);
  });

  it('counts a new numerator or denominator of a ratio as a change', () => {
    const row = {
      ...ratioRow,
      current: { ...current(90, 'level'), numerator: 9, denominator: 10 },
    };
    expect(isChanged(row, draftOf(row))).toBe(false);
    expect(isChanged(row, { ...draftOf(row), denominator: '12' })).toBe(true);
  });
});

describe(itemOf.name, () => {
  it('sends a count with its value type and a trimmed note', () => {
    const row = sheetRow();
    expect(
      itemOf(row, { ...draftOf(row), value: '5', valueType: 'cumulative', note: ' late ' }),
    ).toEqual({
      indicator: 'DS2020-5G',
      region: '370100',
      period: '2020-11',
      value: 5,
      valueType: 'cumulative',
      note: 'late',
    });
  });

  it('sends a ratio as a level, with its numerator and denominator when given', () => {
    const item = itemOf(ratioRow, { ...draftOf(ratioRow), numerator: '9', denominator: '10' });
    expect(item).toEqual({
      indicator: 'DS2020-HAZCHEM-MONITORING',
      region: '370100',
      period: '2020-11',
      value: null,
      valueType: 'level',
      numerator: 9,
      denominator: 10,
    });
  });
});

describe(readDraft.name, () => {
  it('reads what is typed as an upload reads it: 万, full-width digits, thousands separators', () => {
    const row = sheetRow();
    const read = (value: string) => readDraft(row, { ...draftOf(row), value }).numbers.value;
    expect(read('4.8万')).toBe(48000);
    expect(read('４８０')).toBe(480);
    expect(read('40,000')).toBe(40000);
    expect(read(' 120 ')).toBe(120);
    expect(read('')).toBeNull();
    // The number the API gets is the one read, 万 and all.
    expect(itemOf(row, { ...draftOf(row), value: '4.8万' }).value).toBe(48000);
    expect(readDraft(ratioRow, { ...draftOf(ratioRow), value: '85.5%' }).numbers.value).toBe(85.5);
  });

  it('says what it read and what it cannot take: text that is no number, a count not whole', () => {
    const row = sheetRow();
    const said = (value: string) =>
      typedFindings(row, { ...draftOf(row), value }, 'zh-CN').map((f) => [
        f.column,
        f.code,
        f.severity,
        f.message,
      ]);
    expect(said('4.8万')).toEqual([
      ['value', 'number_with_wan', 'warning', '“4.8万”按 48000 读取（万 = 10,000）'],
    ]);
    expect(said('4.8')).toEqual([
      [
        'value',
        'fractional_count',
        'error',
        '以“个”计的数量须为整数：4.8 不是整数（以万计的，请写作“4.8万”）',
      ],
    ]);
    expect(said('about 5')).toEqual([['value', 'not_a_number', 'error', '“about 5”不是数字']]);
    expect(isReadable(row, { ...draftOf(row), value: '4.8' })).toBe(false);
    expect(isReadable(row, { ...draftOf(row), value: '4.8万' })).toBe(true);
    // A rate is no count: 85.5 is fine.
    expect(typedFindings(ratioRow, { ...draftOf(ratioRow), value: '85.5' }, 'en')).toEqual([]);
  });
});

describe(blankRows.name, () => {
  it('counts the rows that take figures, have none, and were left empty', () => {
    const empty = sheetRow({ region: '370100' });
    const typed = sheetRow({ region: '370200' });
    const inForce = sheetRow({ region: '370300', current: current(5) });
    const future = sheetRow({ region: '370400', state: 'future' });
    const drafts = {
      [rowKey(typed)]: { ...draftOf(typed), value: '3' },
      [rowKey(empty)]: { ...draftOf(empty), note: '本月无数据' },
    };
    expect(blankRows([empty, typed, inForce, future], drafts)).toBe(1);
  });
});

describe(changedItems.name, () => {
  it('keeps the row key of each item in the order sent, so item n finds its row', () => {
    const a = sheetRow({ region: '370100' });
    const b = sheetRow({ region: '370200' });
    const c = sheetRow({ region: '370300' });
    const drafts = {
      [rowKey(a)]: { ...draftOf(a), value: '1' },
      [rowKey(b)]: draftOf(b),
      [rowKey(c)]: { ...draftOf(c), value: '3' },
    };
    const { items, keys } = changedItems([a, b, c], drafts);
    expect(items.map((i) => i.region)).toEqual(['370100', '370300']);
    expect(keys).toEqual([rowKey(a), rowKey(c)]);
  });
});

describe(placeFindings.name, () => {
  it('puts each finding on its row and column, and the row as a whole under ""', () => {
    const keys = ['a', 'b'];
    const placed = placeFindings(
      [finding(2, 'value'), finding(2, null, 'warning'), finding(1, 'note', 'warning')],
      (row) => keys[row - 1],
    );
    expect(Object.keys(placed.rows)).toEqual(['b', 'a']);
    expect(placed.rows.b?.value?.map((f) => f.message)).toEqual(['2:value']);
    expect(placed.rows.b?.['']?.map((f) => f.message)).toEqual(['2:null']);
    expect(placed.general).toEqual([]);
  });

  it('keeps findings of no row, or of a row the grid lacks, for the general list', () => {
    const placed = placeFindings([finding(null, null), finding(9, 'value')], () => undefined);
    expect(placed.general).toHaveLength(2);
  });
});

describe(severityOf.name, () => {
  it('answers the worst severity, or null without findings', () => {
    expect(severityOf(undefined)).toBeNull();
    expect(severityOf([finding(1, 'value', 'warning')])).toBe('warning');
    expect(severityOf([finding(1, 'value', 'warning'), finding(1, 'value')])).toBe('error');
  });
});

describe(sortFindings.name, () => {
  it('orders by row with file-level findings first, keeping the order within a row', () => {
    const sorted = sortFindings([
      finding(3, 'value'),
      finding(2, 'note'),
      finding(null, null),
      finding(2, 'value'),
    ]);
    expect(sorted.map((f) => f.message)).toEqual(['null:null', '2:note', '2:value', '3:value']);
  });
});

describe(isFileLevel.name, () => {
  it('holds for findings without a row or without a column', () => {
    expect(isFileLevel(finding(null, null))).toBe(true);
    expect(isFileLevel(finding(4, null))).toBe(true);
    expect(isFileLevel(finding(4, 'value'))).toBe(false);
  });
});

describe(reportTone.name, () => {
  it('is an error when rejected or with errors, a warning with warnings only', () => {
    expect(reportTone({ status: 'valid', errors: [], warnings: [] })).toBe('success');
    expect(reportTone({ status: 'applied', errors: [], warnings: [finding(1, 'value')] })).toBe(
      'warning',
    );
    expect(reportTone({ status: 'invalid', errors: [finding(1, 'value')], warnings: [] })).toBe(
      'error',
    );
    expect(reportTone({ status: 'rejected', errors: [], warnings: [] })).toBe('error');
  });
});

describe(yearToDate.name, () => {
  it('adds an increment to the previous cumulative', () => {
    expect(yearToDate(sheetRow(), { value: 200, valueType: 'increment' })).toEqual({
      previous: 3000,
      resulting: 3200,
      falls: false,
    });
  });

  it('says when a cumulative falls below the previous one', () => {
    expect(yearToDate(sheetRow(), { value: 2900, valueType: 'cumulative' })?.falls).toBe(true);
    expect(yearToDate(sheetRow(), { value: 3000, valueType: 'cumulative' })?.falls).toBe(false);
  });

  it('starts January from zero and has nothing to say about rates', () => {
    const january = sheetRow({ period: '2020-01', previousCumulative: null });
    expect(yearToDate(january, { value: 5, valueType: 'increment' })).toEqual({
      previous: 0,
      resulting: 5,
      falls: false,
    });
    expect(yearToDate(ratioRow, { value: 90, valueType: 'level' })).toBeNull();
  });

  it('says nothing without a previous cumulative after January (no figures to go on)', () => {
    expect(
      yearToDate(sheetRow({ previousCumulative: null }), { value: 5, valueType: 'increment' }),
    ).toBeNull();
  });
});

describe(startingPeriod.name, () => {
  const plan = { periodStart: '2020-01-01', periodEnd: '2020-12-31', status: 'published' };

  it('takes the month before today inside the plan', () => {
    expect(startingPeriod('2020-11-03', [plan])).toBe('2020-10');
  });

  it('keeps the months of the plans: after their end, their last month; before, their first', () => {
    expect(startingPeriod('2026-05-20', [plan])).toBe('2020-12');
    expect(startingPeriod('2019-06-01', [plan])).toBe('2020-01');
  });

  it('ignores draft plans, and takes the month before today without any plan', () => {
    expect(startingPeriod('2026-05-20', [{ ...plan, status: 'draft' }])).toBe('2026-04');
    expect(startingPeriod('2026-01-15', [])).toBe('2025-12');
  });
});

describe(uploadFailure.name, () => {
  it('names the size limit of a 413 answer', () => {
    const error = Object.assign(new Error('too large'), {
      status: 413,
      details: { limit: '20mb' },
    });
    expect(uploadFailure(error)).toEqual({ kind: 'too_large', limit: '20mb' });
    expect(uploadFailure(Object.assign(new Error('x'), { status: 413 }))).toEqual({
      kind: 'too_large',
      limit: '',
    });
  });

  it('passes any other failure on with its message', () => {
    expect(uploadFailure(Object.assign(new Error('forbidden'), { status: 403 }))).toEqual({
      kind: 'other',
      message: 'forbidden',
    });
  });
});

describe(findingTotals.name, () => {
  it('counts every finding of each code, also those the report does not list', () => {
    const late = { ...finding(1, 'note', 'warning'), code: 'late' as const };
    expect(
      findingTotals({
        errors: [finding(1, 'value'), finding(2, 'value')],
        warnings: [late],
        findingCounts: { negative_count: 700, late: 3 },
      }),
    ).toEqual({ errors: 700, warnings: 3, unlisted: 700 });
  });

  it('counts the lists themselves when the counts are missing a code', () => {
    expect(
      findingTotals({ errors: [finding(1, 'value')], warnings: [], findingCounts: {} }),
    ).toEqual({ errors: 1, warnings: 0, unlisted: 0 });
  });
});
