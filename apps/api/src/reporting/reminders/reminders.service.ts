import { Inject, Injectable, Logger } from '@nestjs/common';
import type {
  ReportingMessage,
  ReportingMessageItem,
  ReportingStatusRow,
} from '@zhibiao/contracts';
import {
  messagePlan,
  owedRows,
  reminderPeriods,
  scheduledReminder,
  type IsoDate,
  type Period,
  type ReportingMessageKind,
} from '@zhibiao/core';
import { AuditService } from '../../audit/audit.service.js';
import { principalName, type Principal } from '../../auth/principal.js';
import { Clock } from '../../common/clock.js';
import type { RouteIn } from '../../common/contract.js';
import { DomainError } from '../../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { Database } from '../../database/database.js';
import { ReportingMessagesService } from '../messages/reporting-messages.service.js';
import { StatusService } from '../status/status.service.js';
import { RemindersRepository } from './reminders.repository.js';

export type RemindersQueryIn = RouteIn<'listReminders'>['query'];
export type SendReminderIn = RouteIn<'sendReminder'>['body'];

/** A row of the calendar with its period. */
type CalendarRow = ReportingStatusRow & { period: Period };

/** What one unit owes, in the calendar's order. */
interface Owed {
  department: { code: string; name: string };
  rows: CalendarRow[];
}

const REMINDER_KINDS = ['reminder_before_due', 'reminder_overdue', 'reminder_manual'] as const;

/** Admins, analysts and leaders see every unit's messages; anyone else their own unit's. */
function seesEveryUnit(principal: Principal): boolean {
  return principal.roles.some((r) => r === 'admin' || r === 'analyst' || r === 'leader');
}

/** A calendar row as a message lists it. */
function itemOf(row: CalendarRow): ReportingMessageItem {
  return {
    kind: row.kind,
    plan: row.plan,
    period: row.period,
    indicator: row.indicator && { code: row.indicator.code, name: row.indicator.name },
    measure: row.measure,
    region: row.region,
    source: null,
    due: row.due,
    status: row.status,
    detail: row.returnComment,
  };
}

/**
 * Reminders (催报) of exactly what a unit still owes — before the due day, when overdue, or when the
 * bureau asks — computed from the calendar and sent as reporting messages (one reminder a unit a day
 * at most), so the bureau sees who was reminded of what, when.
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger('reminders');

  constructor(
    private readonly repository: RemindersRepository,
    private readonly status: StatusService,
    private readonly messages: ReportingMessagesService,
    private readonly audit: AuditService,
    private readonly database: Database,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * What each unit owes on `today`, units with nothing owed left out: over the previous month and the
   * earlier months of its year, rows missing or returned, and due ones within the before-due window
   * (`daysBefore`; null: any due one, as for a reminder by hand); closed plans, frozen, owe nothing.
   * The job and the bureau's reminder both ask this.
   */
  async owed(
    today: IsoDate,
    daysBefore: number | null,
    filter: { department?: string; plan?: string } = {},
  ): Promise<Owed[]> {
    const [rows, closed] = await Promise.all([
      this.status.expectedRows({
        periods: reminderPeriods(today),
        plan: filter.plan,
        department: filter.department,
        asOf: today,
      }),
      this.repository.closedPlans(today),
    ]);
    const open = rows.filter((row) => !closed.has(row.plan));
    const byUnit = new Map<string, Owed>();
    for (const row of owedRows(open, today, daysBefore)) {
      const unit = byUnit.get(row.department.code);
      if (unit) unit.rows.push(row);
      else byUnit.set(row.department.code, { department: row.department, rows: [row] });
    }
    return [...byUnit.values()].sort((a, b) => a.department.code.localeCompare(b.department.code));
  }

  /**
   * The scheduled reminders of today: each unit owing something is reminded when the rules say so
   * (before the due day once per window, overdue every REMINDER_REPEAT_DAYS days). Idempotent: a unit
   * already reminded today is skipped, by the rules and, should two runs race, by the database.
   */
  async remindScheduled(): Promise<{ sent: number; units: number }> {
    const today = this.clock.today();
    const { daysBefore, repeatDays } = this.config.reminders;
    const units = await this.owed(today, daysBefore);
    let sent = 0;
    for (const unit of units) {
      const kind = scheduledReminder({
        owed: unit.rows,
        today,
        daysBefore,
        repeatDays,
        lastReminder: await this.lastReminder(unit.department.code),
      });
      if (kind === null) continue;
      const message = await this.record(kind, unit, today, null, null);
      if (message) sent += 1;
    }
    return { sent, units: units.length };
  }

  /** The bureau reminds a unit now of everything it owes (optionally of one plan only). */
  async remind(principal: Principal, body: SendReminderIn): Promise<ReportingMessage> {
    const name = await this.repository.departmentName(body.department);
    if (name === null) throw new DomainError('unknown_department', { code: body.department });
    if (body.plan !== undefined && !(await this.repository.planExists(body.plan))) {
      throw new DomainError('plan_not_found', { code: body.plan });
    }
    const today = this.clock.today();
    const [unit] = await this.owed(today, null, { department: body.department, plan: body.plan });
    if (!unit) throw new DomainError('nothing_to_remind', { department: name });
    const comment = body.comment?.trim() ? body.comment.trim() : null;
    const message = await this.record('reminder_manual', unit, today, principal, comment);
    if (!message) throw new DomainError('reminder_already_sent', { department: name, day: today });
    return message;
  }

  /** Messages sent to units, newest first; a unit's people see their own unit's only. */
  list(principal: Principal, query: RemindersQueryIn): Promise<ReportingMessage[]> {
    let department = query.department;
    if (!seesEveryUnit(principal)) {
      const own = principal.departmentCode;
      if (!own || (department !== undefined && department !== own)) {
        throw new DomainError('reporting_other_department', { department: own ?? '—' });
      }
      department = own;
    }
    return this.messages.list({ ...query, department });
  }

  /**
   * Records and delivers a reminder in one transaction (audited when sent by hand); null when the
   * unit was already reminded that day.
   */
  private async record(
    kind: ReportingMessageKind,
    unit: Owed,
    today: IsoDate,
    principal: Principal | null,
    comment: string | null,
  ): Promise<ReportingMessage | null> {
    const items = unit.rows.map(itemOf);
    const message = await this.database.transaction(async (db) => {
      const sent = await this.messages.send(db, {
        kind,
        plan: messagePlan(unit.rows.map((row) => row.plan)),
        department: unit.department.code,
        sentOn: today,
        items,
        comment,
        actor: principal && principalName(principal),
        at: this.clock.stamp(),
      });
      if (sent && principal) {
        await this.audit.record(
          {
            action: 'reporting.remind',
            entity: 'reporting_message',
            entityId: sent.id,
            after: { kind, department: unit.department.code, plan: sent.plan, items: items.length },
          },
          db,
        );
      }
      return sent;
    });
    if (message && !principal) {
      this.logger.log({ msg: 'reminder sent', kind, department: unit.department.code });
    }
    return message;
  }

  /** The business day of the unit's latest reminder of any kind, or null. */
  private async lastReminder(department: string): Promise<IsoDate | null> {
    const latest = await Promise.all(
      REMINDER_KINDS.map((kind) => this.messages.list({ department, kind, limit: 1 })),
    );
    const days = latest.flat().map((message) => message.sentOn);
    return days.length === 0 ? null : days.reduce((a, b) => (a > b ? a : b));
  }
}
