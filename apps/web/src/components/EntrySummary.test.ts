import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import type { FindingOut, SubmissionReport } from '@zhibiao/contracts';
import { reportOf } from '../testing/factories.js';
import { mountApp } from '../testing/mount.js';
import EntrySummary from './EntrySummary.vue';

const finding = (row: number, severity: 'error' | 'warning' = 'warning') =>
  ({
    row,
    column: 'value',
    cell: null,
    code: 'late',
    severity,
    message: `第 ${row} 行的问题`,
    values: {},
  }) as FindingOut;

describe('EntrySummary', () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => wrapper?.unmount());
  const mountWith = (props: {
    report: SubmissionReport;
    kind?: 'check' | 'submit';
    blank?: number;
  }) =>
    (wrapper = mountApp(EntrySummary, {
      props: { kind: 'submit', blank: 0, locate: (f: FindingOut) => `行 ${f.row}`, ...props },
    }));

  it('says a check passed or failed, and a submission stored or refused', () => {
    expect(mountWith({ kind: 'check', report: reportOf({ status: 'valid' }) }).text()).toContain(
      '检查通过，可以报送',
    );
    expect(mountWith({ kind: 'check', report: reportOf({ status: 'invalid' }) }).text()).toContain(
      '检查未通过',
    );
    expect(mountWith({ report: reportOf({ submissionId: '42' }) }).text()).toContain(
      '已报送（编号 42）',
    );
    expect(mountWith({ report: reportOf({ status: 'rejected' }) }).text()).toContain('报送被拒绝');
  });

  it('counts the rows, says how many were left blank and that an answer was replayed', () => {
    const w = mountWith({ report: reportOf({ accepted: 3, replayed: true }), blank: 2 });
    expect(w.text()).toContain('可入库 3 行');
    expect(w.find('[data-testid="entry-blank"]').text()).toContain('2 行未填写');
    expect(w.text()).toContain('此前已经报送过');
  });

  it('lists the first eight findings in row order and counts the rest', () => {
    const warnings = [9, 3, 1, 2, 4, 5, 6, 7, 8, 10].map((row) => finding(row));
    const w = mountWith({
      report: reportOf({ warnings, findingCounts: { late: 12 } }),
    });
    const listed = w.find('[data-testid="entry-findings"]').text();
    expect(listed).toContain('行 1');
    expect(listed).not.toContain('行 9');
    // Two beyond the eight listed here, two beyond the ten the API listed.
    expect(w.text()).toContain('另有 4 条');
  });

  it('is red with errors, amber with warnings only, green otherwise', () => {
    const tone = (report: SubmissionReport) => mountWith({ report }).find('.el-alert').classes();
    expect(tone(reportOf({ errors: [finding(1, 'error')] }))).toContain('el-alert--error');
    expect(tone(reportOf({ warnings: [finding(1)] }))).toContain('el-alert--warning');
    expect(tone(reportOf())).toContain('el-alert--success');
  });
});
