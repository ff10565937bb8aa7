import { readFileSync } from 'node:fs';
import OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { extractPlan, type PlanExtractionOptions } from './plan-extract.js';

// opencc-js's types import './core' without an extension, which NodeNext resolution cannot follow.
const { Converter } = OpenCC as unknown as {
  Converter: (options: { from: string; to: string }) => (text: string) => string;
};
const fromTaiwan = Converter({ from: 'tw', to: 'cn' });
const fromHongKong = Converter({ from: 'hk', to: 'cn' });
const toSimplified = (text: string) => fromTaiwan(fromHongKong(text));
const options: PlanExtractionOptions = { year: 2020, toSimplified };

describe(`${extractPlan.name}: groups of measures`, () => {
  const task =
    '(一)推進政務服務。加快流程再造。年底前實現“一網通辦”。(省政府辦公廳牽頭,省大數據局配合,各有關部門、各市政府按職責分工負責)' +
    '建設考核平臺,選取部分部門(單位)進行試點。(省委編辦、省大數據局按職責分工負責)';
  const text = `山東省人民政府辦公廳(此件公開發布)\n一、加快建設數字政府\n${task}\n五、強化保障措施\n加強組織領導。(省大數據局牽頭)\n`;

  it('cuts each task into the groups its brackets close, verbatim, with offsets in the task text', () => {
    const { measures } = extractPlan(text, options);
    expect(measures.map((m) => [m.section, m.task, m.position, m.sourceText])).toEqual([
      [
        '一',
        '(一)',
        1,
        '加快流程再造。年底前實現“一網通辦”。(省政府辦公廳牽頭,省大數據局配合,各有關部門、各市政府按職責分工負責)',
      ],
      [
        '一',
        '(一)',
        2,
        '建設考核平臺,選取部分部門(單位)進行試點。(省委編辦、省大數據局按職責分工負責)',
      ],
      ['五', null, 1, '加強組織領導。(省大數據局牽頭)'],
    ]);
    const [first, second] = measures;
    expect([first?.start, first?.end]).toEqual([10, 65]);
    expect(task.slice(first?.start, first?.end)).toBe(first?.sourceText);
    expect(task.slice(second?.start, second?.end)).toBe(second?.sourceText);
  });

  it('reads lead and support units from the bracket, leaving out the general clause', () => {
    const { measures } = extractPlan(text, options);
    expect(measures.map((m) => [m.leadDepartments, m.supportDepartments])).toEqual([
      [['省政府办公厅'], ['省大数据局']],
      [['省委编办', '省大数据局'], []],
      [['省大数据局'], []],
    ]);
  });

  it('dates a group only when it says 年底前 or 年内', () => {
    const dated = extractPlan(text, options).measures.map((m) => m.deadline);
    expect(dated).toEqual(['2020-12-31', null, null]);
    const within = extractPlan('一、發展\n(一)培育。年內孵化100個團隊。(省大數據局牽頭)', options);
    expect(within.measures.map((m) => m.deadline)).toEqual(['2020-12-31']);
  });

  it('gives codes of known units and none for a plan without brackets', () => {
    const departments = [
      { code: 'general-office', name: '省政府办公厅' },
      { code: 'big-data-bureau', name: '省大数据局' },
    ];
    const [first] = extractPlan(text, { ...options, departments }).measures;
    expect([first?.leadDepartmentCodes, first?.supportDepartmentCodes]).toEqual([
      ['general-office'],
      ['big-data-bureau'],
    ]);
    expect(extractPlan('一、發展\n(一)培育。加快建設。', options).measures).toEqual([]);
    expect(extractPlan('', options).measures).toEqual([]);
  });
});

interface Catalogue {
  departments: { code: string; name: string }[];
  sections: {
    code: string;
    numeral: string;
    sourceText: string;
    tasks: { code: string; numeral: string; sourceText: string }[];
  }[];
  measures: {
    code: string;
    section: string;
    task: string | null;
    sourceText: string;
    lead: string[];
    support: string[];
    deadline?: string;
  }[];
}

describe(`${extractPlan.name} on the seed plan`, () => {
  const root = new URL('../../../../', import.meta.url);
  const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
  const text = read('seeds/digital-shandong-2020/plan.zh-Hant.txt');
  const catalogue = JSON.parse(read('seeds/digital-shandong-2020/catalogue.json')) as Catalogue;
  const result = extractPlan(text, { toSimplified, departments: catalogue.departments });

  it('finds every one of the 43 curated groups with its units, deadline and offsets', () => {
    expect(catalogue.measures).toHaveLength(43);
    expect(result.measures).toHaveLength(43);
    const numerals = new Map<string, { section: string; task: string | null; text: string }>();
    for (const s of catalogue.sections) {
      numerals.set(s.code, { section: s.numeral, task: null, text: s.sourceText });
      for (const t of s.tasks) {
        numerals.set(t.code, { section: s.numeral, task: t.numeral, text: t.sourceText });
      }
    }
    result.measures.forEach((found, i) => {
      const curated = catalogue.measures[i];
      if (!curated) throw new Error(`no curated measure ${i}`);
      const where = numerals.get(curated.task ?? curated.section);
      expect([found.section, found.task]).toEqual([where?.section, where?.task]);
      expect(found.sourceText).toBe(curated.sourceText);
      expect(where?.text.slice(found.start, found.end)).toBe(curated.sourceText);
      expect(found.leadDepartmentCodes).toEqual(curated.lead);
      expect(found.supportDepartmentCodes).toEqual(curated.support);
      expect(found.deadline).toBe(curated.deadline ?? null);
      expect(`${curated.task ?? curated.section}-${found.position}`).toBe(curated.code);
    });
  });

  it('reads the five lead and five support units of the smart-services group', () => {
    const group = result.measures.find(
      (m) => m.section === '二' && m.task === '(二)' && m.position === 4,
    );
    expect(group?.leadDepartments).toEqual([
      '省发展改革委',
      '省交通运输厅',
      '省商务厅',
      '省文化和旅游厅',
      '人民银行济南分行',
    ]);
    expect(group?.supportDepartments).toEqual([
      '省大数据局',
      '省地方金融监管局',
      '山东银保监局',
      '青岛银保监局',
      '山东证监局',
    ]);
  });
});
