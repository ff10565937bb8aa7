import { describe, expect, it } from 'vitest';
import {
  citiesNamed,
  decisiveReport,
  defaultLedgerPeriod,
  measureLedgerStatus,
  milestoneLedgerStatus,
  spreadsheetText,
} from './ledger.js';

describe('decisiveReport', () => {
  it('takes the worst assessment among the reports sent, ignoring drafts', () => {
    const reports = [
      { unit: 'a', status: 'on_track', state: 'confirmed' },
      { unit: 'b', status: 'behind', state: 'draft' },
      { unit: 'c', status: 'not_started', state: 'returned' },
    ] as const;
    expect(decisiveReport(reports)?.unit).toBe('c');
  });

  it('is null when only drafts exist', () => {
    expect(decisiveReport([{ status: 'behind', state: 'draft' }])).toBeNull();
  });
});

describe('measureLedgerStatus', () => {
  it('is the decisive report’s assessment', () => {
    expect(measureLedgerStatus({ status: 'behind', state: 'submitted' }, true)).toBe('behind');
  });

  it('carries an earlier done forward, else says not reported', () => {
    expect(measureLedgerStatus(null, true)).toBe('done');
    expect(measureLedgerStatus(null, false)).toBe('not_reported');
  });
});

describe('milestoneLedgerStatus', () => {
  const task = { deadline: '2020-06-30', doneOn: '2020-07-10' };
  it('is done from its done day on', () => {
    expect(milestoneLedgerStatus(task, '2020-07-10')).toBe('done');
  });
  it('is behind past its deadline until then, on track before', () => {
    expect(milestoneLedgerStatus(task, '2020-07-09')).toBe('behind');
    expect(milestoneLedgerStatus(task, '2020-06-30')).toBe('on_track');
    expect(milestoneLedgerStatus({ ...task, doneOn: null }, '2020-12-31')).toBe('behind');
  });
});

describe('defaultLedgerPeriod', () => {
  const plan = { startYear: 2020, endYear: 2020 };
  it('is the month before the as-of day', () => {
    expect(defaultLedgerPeriod('2020-11-07', plan)).toBe('2020-10');
    expect(defaultLedgerPeriod('2020-03-01', plan)).toBe('2020-02');
  });
  it('stays within the plan’s years', () => {
    expect(defaultLedgerPeriod('2020-01-15', plan)).toBe('2020-01');
    expect(defaultLedgerPeriod('2021-05-02', plan)).toBe('2020-12');
  });
});

describe('citiesNamed', () => {
  const cities = [
    { code: '370100', name: '济南市' },
    { code: '370200', name: '青岛市' },
    { code: '370800', name: '济宁市' },
  ];
  it('finds cities by name with or without 市', () => {
    expect(citiesNamed('支持济南、青岛市建设', cities)).toEqual(['370100', '370200']);
    expect(citiesNamed('全省推进', cities)).toEqual([]);
  });
});

describe('spreadsheetText', () => {
  it('defuses what a spreadsheet would run as a formula', () => {
    for (const text of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=x', '\r=x']) {
      expect(spreadsheetText(text)).toBe(`'${text}`);
    }
  });
  it('leaves ordinary text alone', () => {
    expect(spreadsheetText('完成 5G 基站 3 万个')).toBe('完成 5G 基站 3 万个');
  });
});
