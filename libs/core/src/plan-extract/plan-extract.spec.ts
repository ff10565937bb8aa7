import OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { extractPlan, type ExtractedTarget, type PlanExtractionOptions } from './plan-extract.js';
import { parseChineseNumber } from './plan-extract-text.js';
import { parseDepartmentList } from './plan-extract-departments.js';

// opencc-js's types import './core' without an extension, which NodeNext resolution cannot follow.
const { Converter } = OpenCC as unknown as {
  Converter: (options: { from: string; to: string }) => (text: string) => string;
};
const toSimplified = Converter({ from: 'tw', to: 'cn' });
const options: PlanExtractionOptions = { year: 2020, toSimplified };

/** One sentence inside a minimal annual plan. */
function read(sentence: string, extra: Partial<PlanExtractionOptions> = {}) {
  return extractPlan(`一、推进建设\n(一)加快建设。${sentence}`, { ...options, ...extra });
}

function only(sentence: string, extra: Partial<PlanExtractionOptions> = {}): ExtractedTarget {
  const { targets } = read(sentence, extra);
  expect(targets).toHaveLength(1);
  const [target] = targets;
  if (!target) throw new Error('no target');
  return target;
}

const quantity = (t: ExtractedTarget) => [t.comparator, t.value, t.unit];

describe(extractPlan.name, () => {
  describe('comparators', () => {
    it.each([
      ['“一链办理”集成服务不少于100项。', ['>=', 100, '项']],
      ['全程网办率不低于80%。', ['>=', 80, '%']],
      ['电子证照种类达到300类以上。', ['>=', 300, '类']],
      ['数字校园建设覆盖率超过90%。', ['>', 90, '%']],
      ['网络零售额突破5000亿元。', ['>', 5000, '亿元']],
      ['监管事项覆盖率达到100%。', ['>=', 100, '%']],
      ['农业生产信息化率提高到45%。', ['>=', 45, '%']],
      ['年内孵化100个左右创业团队。', ['~', 100, '个']],
      ['全市数据中心标准机架规模控制在5万架以内。', ['<=', 50000, '架']],
      ['企业开办时间压减至1个工作日以内。', ['<=', 1, '个工作日']],
      ['新建大型数据中心PUE值不高于1.25。', ['<=', 1.25, '']],
      ['全省新开通5G基站4万个。', ['>=', 40000, '个']],
      ['重大网络安全事件发生数低于3起。', ['<', 3, '起']],
      ['关键信息基础设施安全检查覆盖率100%。', ['>=', 100, '%']],
      ['重要数据泄露事件为零。', ['<=', 0, '']],
    ])('reads %s', (sentence, expected) => {
      expect(quantity(only(sentence))).toEqual(expected);
    });

    it('gives 左右 the default tolerance of 10%', () => {
      expect(only('支持建设50个左右省级数字经济园区。').tolerance).toBe(0.1);
      expect(only('支持建设50个省级数字经济园区。').tolerance).toBeUndefined();
    });

    it('reads 下降 and 增长 as changes, with the direction they ask for', () => {
      const fall = only('单位地区生产总值能耗下降3%。');
      expect([fall.kind, fall.direction, ...quantity(fall)]).toEqual([
        'change',
        'decrease',
        '>=',
        3,
        '%',
      ]);
      const growth = only('软件业务收入年均增长15%以上。');
      expect([growth.kind, growth.direction, ...quantity(growth)]).toEqual([
        'change',
        'increase',
        '>=',
        15,
        '%',
      ]);
      expect(only('政务服务事项办理时限压缩至3个工作日以内。').direction).toBe('decrease');
    });

    it('names a change after the figure named just before it', () => {
      const { targets } = read('全市数字经济核心产业营业收入突破4500亿元，比2019年增长12%左右。');
      expect(targets.map((t) => t.name)).toEqual([
        '数字经济核心产业营业收入',
        '数字经济核心产业营业收入增长',
      ]);
    });
  });

  describe('multipliers and units', () => {
    it.each([
      ['为小微企业培训万名技术人员。', 10000, '名'],
      ['培训各级干部2万人次。', 20000, '人次'],
      ['全省新开通5G基站4万个。', 40000, '个'],
      ['网络零售额达到5000亿元。', 5000, '亿元'],
      ['全省数字经济总量突破3.5万亿元。', 35000, '亿元'],
      ['安排专项资金300万元。', 300, '万元'],
      ['全年新增汇聚数据50亿条。', 5e9, '条'],
      ['工业互联网平台连接设备突破1000万台（套）。', 1e7, '台'],
      ['实名注册用户数突破8000万。', 8e7, ''],
      ['新增智慧停车泊位1,500个。', 1500, '个'],
      ['培育数字经济领军企业两万家。', 20000, '家'],
      ['新建充电桩3000座，建成城市绿道200公里。', 3000, '座'],
      ['政务服务事项平均办理时间压缩至2小时以内。', 2, '小时'],
      ['全省数据中心总算力超过10EFLOPS。', 10, 'EFLOPS'],
      ['全省新增绿地面积5平方公里。', 5, '平方公里'],
    ])('reads %s as %d %s', (sentence, value, unit) => {
      const [first] = read(sentence).targets;
      expect([first?.value, first?.unit]).toEqual([value, unit]);
    });

    it('parses Chinese numerals', () => {
      expect(
        ['万', '十五', '二十', '一百二十', '两万', '三千五百', '一万亿', '十万'].map(
          parseChineseNumber,
        ),
      ).toEqual([1e4, 15, 20, 120, 2e4, 3500, 1e12, 1e5]);
      expect(parseChineseNumber('数字')).toBeNull();
    });
  });

  describe('numbers that are not targets', () => {
    it.each([
      ['a date', '2020年4月3日，省政府印发通知。'],
      ['an ordinal', '启动开展第二批试点工作。'],
      ['a level in a name', '实现省市县乡村五级网络互联互通。'],
      ['a duration in a name', '启动数字化智能化技术改造三年行动计划。'],
      ['a quoted name', '开通“15分钟健身圈”电子地图。'],
      ['an unquoted name', '开通15分钟健身圈电子地图，推广24小时自助服务。'],
      ['one of something', '构建一个平台、一张网络的支撑体系。'],
      ['a hotline', '畅通12345热线，提升诉求办理质量。'],
      ['a technology', '推进5G和IPv6规模部署，推行7×24小时不打烊服务。'],
      ['a base year', '对2019年度评估排名后3位的市进行约谈。'],
      ['a count in a campaign name', '实施百项技改工程和“万企万项”工程。'],
      ['a meeting rule', '每季度召开1次工作调度会议。'],
      ['a document number', '鲁政办发〔2020〕3号文件印发实施。'],
      ['the plan year in a title', '落实《数字山东2020行动方案》。'],
      ['a group of cities', '在济南、青岛等5市开展试点。'],
      ['the object of a commendation', '对工作成效突出的10个市予以通报表扬。'],
    ])('invents none from %s', (_what, sentence) => {
      expect(read(sentence).targets).toEqual([]);
    });

    it('keeps a number inside the subject out of the target', () => {
      expect(quantity(only('营业收入超过100亿元的软件企业达到10家。'))).toEqual(['>=', 10, '家']);
      const covered = only('实现20户以上自然村5G网络全覆盖。');
      expect([covered.name, ...quantity(covered)]).toEqual([
        '20户以上自然村5G网络覆盖率',
        '>=',
        100,
        '%',
      ]);
    });
  });

  describe('coverage stated in words', () => {
    it.each([
      ['年底前依申请类政务服务事项全面实现“一网通办”。', '依申请类政务服务事项“一网通办”实现率'],
      ['实现省市县乡村五级网络全覆盖。', '省市县乡村五级网络覆盖率'],
      [
        '年底前实现养老保险、失业保险可异地经办业务的“全省通办”。',
        '养老保险、失业保险可异地经办业务“全省通办”比例',
      ],
      [
        '二级以上公立医院全部接入省级全民健康信息平台。',
        '二级以上公立医院接入省级全民健康信息平台比例',
      ],
      ['自助终端覆盖全部乡镇（街道）。', '自助终端乡镇（街道）覆盖率'],
    ])('reads %s as 100%%', (sentence, name) => {
      const t = only(sentence);
      expect([t.name, ...quantity(t)]).toEqual([name, '>=', 100, '%']);
    });

    it('reads 全面推行 of a practice as a milestone, not a target', () => {
      const { targets, milestones } = read('全面推行无感化、电子化高速收费和停车收费。');
      expect(targets).toEqual([]);
      expect(milestones.map((m) => m.name)).toEqual(['全面推行无感化、电子化高速收费和停车收费']);
    });
  });

  describe('deadlines', () => {
    it.each([
      ['年底前数字校园建设覆盖率超过90%。', '2020-12-31'],
      ['年内孵化100个左右创业团队。', '2020-12-31'],
      ['全年新增上云企业1万家。', '2020-12-31'],
      ['新增上云企业1万家。', '2020-12-31'],
      ['6月底前新建5G基站3000个。', '2020-06-30'],
      ['第三季度末前推出集成服务100项以上。', '2020-09-30'],
      ['上半年新建5G基站3000个。', '2020-06-30'],
      ['到2022年底，全省5G基站达到8万个。', '2022-12-31'],
      ['2021年6月底前新建5G基站3000个。', '2021-06-30'],
    ])('dates %s %s', (sentence, deadline) => {
      expect(only(sentence).deadline).toBe(deadline);
    });

    it('dates the goals of a multi-year plan by their sentence, else the end of the plan', () => {
      const text = [
        '数字经济发展三年行动计划(2021—2023年)',
        '一、主要目标',
        '到2022年底，数字经济总量突破3.5万亿元；软件业务收入超过8000亿元。建成5G基站10万个。',
        '2021年新开通5G基站4万个，到2023年累计开通5G基站突破15万个。',
        '二、重点任务',
        '培育省级软件名园10个左右。',
      ].join('\n');
      const result = extractPlan(text, { toSimplified });
      expect(result.plan).toEqual({ title: '数字经济发展三年行动计划(2021—2023年)', year: 2021 });
      expect(result.targets.map((t) => [t.value, t.deadline])).toEqual([
        [35000, '2022-12-31'],
        [8000, '2022-12-31'],
        [100000, '2022-12-31'],
        [40000, '2021-12-31'],
        [150000, '2023-12-31'],
        [10, '2023-12-31'],
      ]);
    });

    it('reads the year from the title, else from the date of issue, and warns when it has none', () => {
      const titled = extractPlan('数字山东2021行动方案\n一、任务\n新增上云企业1万家。', {
        toSimplified,
      });
      expect([titled.plan.year, titled.targets[0]?.deadline]).toEqual([2021, '2021-12-31']);
      const dated = extractPlan('关于加快5G建设的实施意见\n2022年3月1日\n新增5G基站1万个。', {
        toSimplified,
      });
      expect([dated.plan.year, dated.targets[0]?.deadline]).toEqual([2022, '2022-12-31']);
      const undated = extractPlan('年底前新增5G基站1万个。', { toSimplified });
      expect(undated.targets[0]?.deadline).toBeNull();
      expect(undated.warnings.join()).toContain('未能确定方案年份');
    });

    it('does not take a base year, a range or an edition for a deadline', () => {
      const text = '为落实《规划(2018—2022年)》，编制2021年版目录。比2019年增长10%。';
      expect(read(text).targets.map((t) => t.deadline)).toEqual(['2020-12-31']);
    });
  });

  describe('departments', () => {
    it.each([
      [
        '(省政府办公厅牵头,省大数据局配合,各有关部门、各市政府按职责分工负责)',
        ['省政府办公厅'],
        ['省大数据局'],
      ],
      ['(省委编办、省大数据局按职责分工负责)', ['省委编办', '省大数据局'], []],
      ['(省卫生健康委,济南市政府按职责分工负责)', ['省卫生健康委', '济南市政府'], []],
      ['(省发展改革委、省大数据局分工负责)', ['省发展改革委', '省大数据局'], []],
      ['(省工业和信息化厅、省应急厅等按职责分工负责)', ['省工业和信息化厅', '省应急厅'], []],
      [
        '(省交通运输厅牵头,省公安厅、省水利厅、有关市政府按职责分工负责)',
        ['省交通运输厅'],
        ['省公安厅', '省水利厅'],
      ],
      [
        '(省委政法委牵头,省公安厅、省大数据局等有关部门按职责分工负责)',
        ['省委政法委'],
        ['省公安厅', '省大数据局'],
      ],
      [
        '(省商务厅、人民银行济南分行分别牵头,山东银保监局配合)',
        ['省商务厅', '人民银行济南分行'],
        ['山东银保监局'],
      ],
      [
        '(牵头单位:省通信管理局;配合单位:省工业和信息化厅,各市人民政府按职责分工负责)',
        ['省通信管理局'],
        ['省工业和信息化厅'],
      ],
      ['(省民政厅牵头,各县(市、区)政府按职责分工负责)', ['省民政厅'], []],
      ['(省大数据局)', ['省大数据局'], []],
    ])('reads %s', (list, lead, support) => {
      expect(parseDepartmentList(list.slice(1, -1))).toEqual({ lead, support });
    });

    it('gives each measure the list that closes it, and none across a heading', () => {
      const text = [
        '一、任务',
        '(一)建设。新建5G基站1万个。(省通信管理局牵头,省大数据局配合)新增上云企业1000家。(省工业和信息化厅牵头)',
        '(二)培训。培训技术人员1万名。',
        '(三)推广。推广应用100项。',
        '责任单位:省大数据局、省教育厅',
      ].join('\n');
      const { targets } = extractPlan(text, options);
      expect(targets.map((t) => [t.leadDepartments, t.supportDepartments])).toEqual([
        [['省通信管理局'], ['省大数据局']],
        [['省工业和信息化厅'], []],
        [[], []],
        [['省大数据局', '省教育厅'], []],
      ]);
    });

    it('reads 牽頭/配合 in Traditional characters and returns names in Simplified', () => {
      const t = only('全省新開通5G基站4萬個。(省工業和信息化廳牽頭,省通信管理局配合)');
      expect([t.leadDepartments, t.supportDepartments]).toEqual([
        ['省工业和信息化厅'],
        ['省通信管理局'],
      ]);
    });

    it('matches known departments by name or alias and warns about the rest', () => {
      const result = read(
        '新增上云企业1000家。(省工信厅牵头,省大数据局、山东省科技厅、省外办配合)',
        {
          departments: [
            { code: 'industry-it', name: '省工业和信息化厅', aliases: ['省工信厅'] },
            { code: 'big-data-bureau', name: '省大數據局' },
            { code: 'science-technology', name: '省科技厅' },
          ],
        },
      );
      const [t] = result.targets;
      expect([t?.leadDepartmentCodes, t?.supportDepartmentCodes, t?.supportDepartments]).toEqual([
        ['industry-it'],
        ['big-data-bureau', 'science-technology'],
        ['省大数据局', '山东省科技厅', '省外办'],
      ]);
      expect(result.warnings).toContain('以下部门未能与已知部门对应：省外办。');
      expect(only('新增上云企业1000家。').leadDepartmentCodes).toBeUndefined();
    });
  });

  describe('outline and citation', () => {
    it('reads sections, (一) tasks, and 1. items as tasks only where a section has no (一)', () => {
      const text = [
        '一、数字政府',
        '1.政务服务。新增服务100项。',
        '2.数据共享。',
        '二、数字经济',
        '(一)产业数字化。',
        '1.工业互联网。新增上云企业1万家。',
        '三、保障措施',
        '加强组织领导，培训干部1000人次。',
      ].join('\n');
      const result = extractPlan(text, options);
      expect(result.sections).toEqual([
        {
          numeral: '一',
          title: '数字政府',
          tasks: [
            { numeral: '1.', title: '政务服务' },
            { numeral: '2.', title: '数据共享' },
          ],
        },
        { numeral: '二', title: '数字经济', tasks: [{ numeral: '(一)', title: '产业数字化' }] },
        { numeral: '三', title: '保障措施', tasks: [] },
      ]);
      expect(result.targets.map((t) => [t.section, t.task])).toEqual([
        ['一', '1.'],
        ['二', '(一)'],
        ['三', null],
      ]);
    });

    it('cites the original Traditional text at its offsets', () => {
      const text = '一、推進建設\n(一)加快5G組網部署。加快5G組網部署,年底前全省新開通5G基站4萬個。';
      const [t] = extractPlan(text, options).targets;
      expect(t?.sourceText).toBe('年底前全省新開通5G基站4萬個');
      expect(text.slice(t?.start, t?.end)).toBe(t?.sourceText);
      expect(t?.name).toBe('新开通5G基站');
    });

    it('keeps offsets exact when the converter changes the length of the text', () => {
      // One character becomes two: the text after it shifts.
      const widen = (s: string) => toSimplified(s).replace(/部/g, '部分');
      const text = '一、建設\n加快5G組網部署,新開通5G基站4萬個,培訓萬名技術人員。';
      const result = extractPlan(text, { year: 2020, toSimplified: widen });
      expect(result.targets.map((t) => text.slice(t.start, t.end))).toEqual(
        result.targets.map((t) => t.sourceText),
      );
      expect(result.targets.map((t) => t.sourceText)).toEqual([
        '新開通5G基站4萬個',
        '培訓萬名技術人員',
      ]);
    });

    it('is deterministic', () => {
      const text = '一、任务\n年底前新建5G基站4万个。(省大数据局牵头)';
      expect(extractPlan(text, options)).toEqual(extractPlan(text, options));
    });
  });

  describe('milestones', () => {
    it('reads concrete deliverables with their deadline and departments', () => {
      const result = read(
        '9月底前出台政务云管理办法。建成全省统一的数字档案管理系统，开展“单套制”归档试点。加强网络安全，完善协同机制，开展监测评估。(省大数据局牵头)',
      );
      expect(result.milestones.map((m) => [m.name, m.deadline, m.leadDepartments])).toEqual([
        ['出台政务云管理办法', '2020-09-30', ['省大数据局']],
        ['建成全省统一的数字档案管理系统', '2020-12-31', ['省大数据局']],
        ['开展“单套制”归档试点', '2020-12-31', ['省大数据局']],
      ]);
    });

    it('reads a deliverable done somewhere (在…全面推行)', () => {
      expect(
        read('建立首席数据官制度，年底前在省直部门全面推行。').milestones.map((m) => m.name),
      ).toEqual(['在省直部门全面推行']);
    });

    it('does not take the plan speaking of itself for a milestone', () => {
      expect(extractPlan('为推进建设，制定本行动方案。', options).milestones).toEqual([]);
    });
  });

  describe('odd input', () => {
    it('warns about empty text', () => {
      expect(extractPlan('  \n ', options)).toEqual({
        plan: { title: null, year: 2020 },
        sections: [],
        targets: [],
        milestones: [],
        measures: [],
        warnings: ['文本为空，没有可提取的内容。'],
      });
    });

    it('warns about text that is not a plan', () => {
      const result = extractPlan('今天天气很好，我们去公园散步了两个小时。', options);
      expect(result.targets).toEqual([]);
      expect(result.warnings).toContain('未识别出量化目标或里程碑，这段文字可能不是行动方案正文。');
    });

    it('survives stray quotes, unbalanced parentheses and garbled characters', () => {
      const result = read('探索“互联网+医?!眲撔聭?,新建5G基站100个。(省医保局牵头');
      expect(result.targets.map((t) => t.value)).toEqual([100]);
    });
  });
});
