import { Injectable, Logger } from '@nestjs/common';
import { addDays, startOfBusinessDay, type IsoDate } from '@zhibiao/core';
import { AlertsService } from '../alerts/lifecycle/alerts.service.js';
import { CompletionsService } from './completions/completions.service.js';
import type { Actor } from './evidence.js';
import { NoticesService, type At } from './notices/notices.service.js';

/** A moment of a demo day: `hour` o'clock in Asia/Shanghai. */
function moment(day: IsoDate, hour: number): At {
  return { at: new Date(startOfBusinessDay(day).getTime() + hour * 3_600_000), today: day };
}

const analyst: Actor = { name: 'analyst', roles: ['analyst'], department: 'big-data-bureau' };
const reporter = (department: string): Actor => ({
  name: department,
  roles: ['reporter'],
  department,
});
const link = (title: string, path: string) => ({
  kind: 'link' as const,
  title,
  url: `https://www.shandong.gov.cn/${path}`,
});

/** The node task whose first claim the demo's analyst returns, to be claimed again. */
const RETURNED = 'DS2020-M10';

/**
 * The demo year's supervision, recorded at the moments it says so that time travel shows each step
 * when it happened: node tasks claimed done by their lead unit's demo reporter on the day they were
 * done and confirmed by the demo analyst a few days later (one returned and claimed again); and four
 * supervision notices (督办) — one raised from an alert, replied and closed; one overdue and escalated;
 * one replied and waiting; one open. Runs with the demo figures, once per plan.
 */
@Injectable()
export class SupervisionDemoService {
  private readonly logger = new Logger('seed');

  constructor(
    private readonly completions: CompletionsService,
    private readonly notices: NoticesService,
    private readonly alerts: AlertsService,
  ) {}

  /** The demo notices' inbox for demo users created on a later start. */
  deliverDemoInbox(
    userIds: readonly string[],
    plans: readonly { plan: string; day: IsoDate }[],
  ): Promise<void> {
    return this.notices.deliverDemoInbox(userIds, plans);
  }

  /** Claims and confirmations of the node tasks the demo says were done (before the history run). */
  async loadCompletions(milestones: readonly { code: string; doneOn: IsoDate }[]): Promise<void> {
    for (const { code, doneOn } of milestones) {
      const lead = (await this.completions.leadOf(code)) ?? analyst.department!;
      const claim = {
        doneOn,
        note: '已按计划完成，相关成果已发布。',
        evidence: [
          link('成果发布', `art/${doneOn.replaceAll('-', '/')}/${code.toLowerCase()}.html`),
        ],
      };
      let first = await this.completions.claim(reporter(lead), code, claim, moment(doneOn, 17));
      let reviewDay = addDays(doneOn, 3);
      if (code === RETURNED) {
        await this.completions.review(
          analyst,
          first.id,
          { decision: 'return', comment: '佐证材料仅有新闻链接，请补充正式印发的文件。' },
          moment(addDays(doneOn, 2), 10).at,
        );
        first = await this.completions.claim(
          reporter(lead),
          code,
          {
            ...claim,
            note: '已补充正式印发文件。',
            evidence: [...claim.evidence, link('印发文件', `art/${code.toLowerCase()}-notice.pdf`)],
          },
          moment(addDays(doneOn, 4), 16),
        );
        reviewDay = addDays(doneOn, 6);
      }
      await this.completions.review(
        analyst,
        first.id,
        { decision: 'confirm', comment: '' },
        moment(reviewDay, 11).at,
      );
    }
  }

  /** The demo's notices, after the history run (one comes from an alert it fired). */
  async loadNotices(plan: string, day: IsoDate): Promise<number> {
    const fromAlert = (await this.alerts.list({ plan, limit: 200 }))
      .filter((a) => a.indicator !== null && !a.silenced && a.firedAsOf <= addDays(day, -30))
      .sort((a, b) => a.firedAt.localeCompare(b.firedAt) || a.id.localeCompare(b.id))[0];
    let raised = 0;
    const first = fromAlert ? addDays(fromAlert.firedAsOf, 1) : addDays(day, -40);
    if (fromAlert) {
      const lead = fromAlert.departments[0]?.code ?? 'big-data-bureau';
      const n = await this.notices.raiseFromAlert(
        analyst,
        fromAlert.id,
        { requirement: '请分析原因，报送整改措施和赶超时间。', replyBy: addDays(first, 10) },
        moment(first, 10),
      );
      await this.notices.reply(
        reporter(lead),
        n.id,
        {
          comment: '已召开专题会议研究部署。',
          cause: 'construction',
          plan: '倒排工期，每周调度进展，下月起按序时进度推进。',
          catchUpDate: addDays(first, 60),
          evidence: [link('专题会议纪要', 'art/meeting.html')],
        },
        moment(addDays(first, 4), 15),
      );
      await this.notices.close(
        analyst,
        n.id,
        { comment: '整改措施可行，予以办结，纳入月度跟踪。' },
        moment(addDays(first, 7), 11),
      );
      raised += 1;
    }
    // Unanswered: overdue the day after its deadline, escalated to leaders three days later.
    const late = await this.notices.raise(
      analyst,
      {
        subject: { kind: 'milestone', code: 'DS2020-M13' },
        problem: '国土空间规划“一张图”建设进度未按月报告，进展不明。',
        requirement: '请于期限前报送建设进度和存在问题。',
        replyBy: addDays(day, -20),
      },
      moment(addDays(day, -30), 10),
    );
    raised += 1;
    const waiting = await this.notices.raise(
      analyst,
      {
        subject: { kind: 'indicator', code: 'DS2020-SMART-AGRI' },
        problem: '智慧农业应用基地建设进度慢于序时进度。',
        requirement: '请说明原因并报送赶超计划。',
        replyBy: addDays(day, -8),
      },
      moment(addDays(day, -18), 10),
    );
    await this.notices.reply(
      reporter('agriculture-rural-affairs'),
      waiting.id,
      {
        comment: '已督促各市加快建设。',
        cause: 'seasonal',
        plan: '冬闲季集中建设，12 月底前完成剩余基地。',
        catchUpDate: '2020-12-31',
        evidence: [],
      },
      moment(addDays(day, -11), 16),
    );
    raised += 1;
    await this.notices.raise(
      analyst,
      {
        subject: { kind: 'measure', code: 'DS2020-1.1-2' },
        problem: '“爱山东”APP 10 月进展报告未说明下步计划。',
        requirement: '请补充下步计划和完成时限。',
        replyBy: addDays(day, 5),
      },
      moment(addDays(day, -5), 10),
    );
    raised += 1;
    // The overdue job, as it would have run each morning.
    const sweepFrom = first < addDays(day, -30) ? first : addDays(day, -30);
    for (let d = sweepFrom; d <= day; d = addDays(d, 1)) {
      await this.notices.recordOverdue(moment(d, 9));
    }
    this.logger.log({ msg: 'loaded demo notices', plan, notices: raised, overdue: late.number });
    return raised;
  }
}
