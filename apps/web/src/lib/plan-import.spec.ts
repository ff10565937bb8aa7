import { describe, expect, it } from 'vitest';
import {
  decodePlanText,
  issuesByRow,
  markSegments,
  sortDraftIssues,
  titleFromFileName,
  utf8Length,
  yearIn,
} from './plan-import.js';

describe(markSegments.name, () => {
  it('cuts the text around each mark and keeps the rest as it is', () => {
    const segments = markSegments('前言。新开通5G基站4万个。结尾', [
      { key: 't1', start: 3, end: 13 },
    ]);
    expect(segments).toEqual([
      { start: 0, text: '前言。', keys: [] },
      { start: 3, text: '新开通5G基站4万个', keys: ['t1'] },
      { start: 13, text: '。结尾', keys: [] },
    ]);
    expect(segments.map((s) => s.text).join('')).toBe('前言。新开通5G基站4万个。结尾');
  });

  it('shows overlapping marks, the innermost first', () => {
    const segments = markSegments('abcdefgh', [
      { key: 'm1', start: 1, end: 7 },
      { key: 't1', start: 3, end: 5 },
    ]);
    expect(segments).toEqual([
      { start: 0, text: 'a', keys: [] },
      { start: 1, text: 'bc', keys: ['m1'] },
      { start: 3, text: 'de', keys: ['t1', 'm1'] },
      { start: 5, text: 'fg', keys: ['m1'] },
      { start: 7, text: 'h', keys: [] },
    ]);
  });

  it('leaves out marks outside the text, empty or reversed', () => {
    const segments = markSegments('abc', [
      { key: 'a', start: 2, end: 9 },
      { key: 'b', start: 1, end: 1 },
      { key: 'c', start: 2, end: 1 },
      { key: 'd', start: -1, end: 2 },
    ]);
    expect(segments).toEqual([{ start: 0, text: 'abc', keys: [] }]);
  });

  it('answers nothing for an empty text', () => {
    expect(markSegments('', [])).toEqual([]);
  });
});

describe(sortDraftIssues.name, () => {
  it('puts each issue on its list, row and field, with or without the body prefix', () => {
    const sorted = sortDraftIssues([
      { path: 'body.targets.3.leadDepartments', code: 'custom', message: '至少一个牵头单位' },
      { path: 'targets.3.value', code: 'custom', message: '必须是数字' },
      { path: 'milestones.0', code: 'custom', message: '编码重复' },
      { path: 'body.milestones.2.leadDepartments.0', code: 'custom', message: '未知部门' },
      { path: 'code', code: 'custom', message: '规划编码已存在' },
      { path: 'body.targets', code: 'custom', message: '至少一个指标' },
    ]);
    expect(sorted.rows).toEqual([
      { list: 'targets', index: 3, field: 'leadDepartments', message: '至少一个牵头单位' },
      { list: 'targets', index: 3, field: 'value', message: '必须是数字' },
      { list: 'milestones', index: 0, field: null, message: '编码重复' },
      { list: 'milestones', index: 2, field: 'leadDepartments', message: '未知部门' },
    ]);
    expect(sorted.other.map((i) => i.path)).toEqual(['code', 'body.targets']);
  });
});

describe(issuesByRow.name, () => {
  it('groups one list’s issues by row and field, joining two on the same field', () => {
    const sorted = sortDraftIssues([
      { path: 'targets.1.value', code: 'custom', message: 'a' },
      { path: 'targets.1.value', code: 'custom', message: 'b' },
      { path: 'targets.1', code: 'custom', message: 'c' },
      { path: 'milestones.1.name', code: 'custom', message: 'd' },
    ]);
    expect(issuesByRow(sorted, 'targets')).toEqual(new Map([[1, { value: 'a；b', '': 'c' }]]));
  });
});

describe(decodePlanText.name, () => {
  const utf8 = (text: string) => new TextEncoder().encode(text);
  // 数字山东 in GBK.
  const gbk = new Uint8Array([0xca, 0xfd, 0xd7, 0xd6, 0xc9, 0xbd, 0xb6, 0xab]);

  it('reads UTF-8, with or without a byte-order mark', () => {
    expect(decodePlanText(utf8('數字山東2020'))).toBe('數字山東2020');
    expect(decodePlanText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('数字山东')]))).toBe(
      '数字山东',
    );
  });

  it('reads GBK when the bytes are not UTF-8', () => {
    expect(decodePlanText(gbk)).toBe('数字山东');
  });

  it('reads GBK whose bytes happen to be valid UTF-8 but hold no Chinese as UTF-8', () => {
    // 牛 in GBK is C5 A3, which UTF-8 reads as ţ.
    expect(decodePlanText(new Uint8Array([0xc5, 0xa3]))).toBe('牛');
  });

  it('keeps plain ASCII as it is', () => {
    expect(decodePlanText(utf8('plan 2020'))).toBe('plan 2020');
  });
});

describe(yearIn.name, () => {
  it('finds a year in a title or code, not inside a longer number', () => {
    expect(yearIn('数字山东2020行动方案')).toBe(2020);
    expect(yearIn('DS2021B')).toBe(2021);
    expect(yearIn('编号 120201')).toBeNull();
    expect(yearIn('无')).toBeNull();
  });
});

describe(titleFromFileName.name, () => {
  it('drops the extension', () => {
    expect(titleFromFileName('数字山东2021行动方案.txt')).toBe('数字山东2021行动方案');
  });
});

describe(utf8Length.name, () => {
  it('counts bytes, three for a Chinese character', () => {
    expect(utf8Length('a数')).toBe(4);
  });
});
