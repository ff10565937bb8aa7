import { describe, expect, it } from 'vitest';
import {
  EXPECTED_HEADERS_TEXT,
  hasRecognisedHeader,
  matchHeaders,
  normaliseHeader,
} from './headers.js';

describe(normaliseHeader.name, () => {
  it('drops brackets of either width, spaces, later lines and case', () => {
    expect(normaliseHeader(' 数值（单位见“单位”列） ')).toBe('数值');
    expect(normaliseHeader('数值 (万元)')).toBe('数值');
    expect(normaliseHeader('Value Type')).toBe('valuetype');
    expect(normaliseHeader('期间\nYYYY-MM')).toBe('期间');
    expect(normaliseHeader('备注（(嵌套)说明）')).toBe('备注');
    expect(normaliseHeader('分母（未闭合')).toBe('分母');
  });
});

describe(matchHeaders.name, () => {
  it('recognises the API names and the Chinese headers, with hints in brackets', () => {
    const english = matchHeaders(['indicator', 'REGION', 'period', 'Value', 'valueType'], 1);
    expect(english.fatal).toBe(false);
    expect(english.columns).toEqual({
      indicator: 0,
      region: 1,
      period: 2,
      value: 3,
      valueType: 4,
    });
    const chinese = matchHeaders(
      [
        '指标编码',
        '指标名称（参考）',
        '地区编码',
        '期间',
        '数值（单位见“单位”列）',
        '单位（参考）',
        '备注',
      ],
      1,
    );
    expect(chinese).toEqual({
      columns: { indicator: 0, region: 2, period: 3, value: 4, note: 6 },
      findings: [],
      fatal: false,
    });
  });

  it('ignores empty header cells after the last header', () => {
    expect(matchHeaders(['指标编码', '地区编码', '期间', '数值', null, '', null], 1).fatal).toBe(
      false,
    );
  });

  it('reports each missing required column with the headers expected', () => {
    const match = matchHeaders(['指标编码', '数值'], 1);
    expect(match.fatal).toBe(true);
    expect(match.findings).toEqual([
      {
        row: 1,
        column: 'region',
        code: 'missing_column',
        severity: 'error',
        values: { expected: '地区编码 / region', headers: EXPECTED_HEADERS_TEXT },
      },
      {
        row: 1,
        column: 'period',
        code: 'missing_column',
        severity: 'error',
        values: { expected: '期间 / period', headers: EXPECTED_HEADERS_TEXT },
      },
    ]);
    expect(EXPECTED_HEADERS_TEXT).toContain('指标编码、地区编码、期间、数值');
  });

  it('reports unknown and repeated columns by position', () => {
    const match = matchHeaders(['指标编码', '地区编码', '城市', '期间', '数值', 'Region'], 3);
    expect(match.fatal).toBe(true);
    expect(match.findings).toEqual([
      {
        row: 3,
        column: null,
        code: 'extra_column',
        severity: 'error',
        values: { header: '城市', position: 3, headers: EXPECTED_HEADERS_TEXT },
      },
      {
        row: 3,
        column: 'region',
        code: 'duplicate_column',
        severity: 'error',
        values: { header: 'Region', first: 2, position: 6 },
      },
    ]);
  });

  it('reports an empty header between others, whose values would be lost', () => {
    const match = matchHeaders(['指标编码', '', '地区编码', '期间', '数值'], 1);
    expect(match.findings.map((f) => [f.code, f.values.position])).toEqual([['extra_column', 2]]);
  });
});

describe(hasRecognisedHeader.name, () => {
  it('wants at least one figure column; names and units alone are not a header', () => {
    expect(hasRecognisedHeader([null, '数值（个）'])).toBe(true);
    expect(hasRecognisedHeader(['填报说明'])).toBe(false);
    expect(hasRecognisedHeader(['指标名称', '单位'])).toBe(false);
  });
});
