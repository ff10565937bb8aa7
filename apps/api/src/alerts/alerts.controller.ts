import { Body, Controller, Param, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import {
  apiRoutes,
  type Acknowledge,
  type AlertDetail,
  type AlertOut,
  type AlertRuleOut,
  type AlertSubscriptionOut,
  type EvaluationSummary,
  type SilenceOut,
} from '@zhibiao/contracts';
import type { AlertRuleKind, AlertRuleParams } from '@zhibiao/core';
import { principalOf } from '../auth/auth.guard.js';
import { Contract } from '../common/contract.js';
import { AlertEvaluatorService } from './alert-evaluator.service.js';
import type { AlertFilter } from './alerts.repository.js';
import { AlertsService } from './alerts.service.js';

interface RuleBody {
  enabled: boolean;
  params: AlertRuleParams;
}

@Controller()
export class AlertsController {
  constructor(
    private readonly alerts: AlertsService,
    private readonly evaluator: AlertEvaluatorService,
  ) {}

  @Contract(apiRoutes.listAlerts)
  list(@Query() query: AlertFilter): Promise<AlertOut[]> {
    return this.alerts.list(query);
  }

  @Contract(apiRoutes.getAlert)
  get(@Param() params: { id: string }): Promise<AlertDetail> {
    return this.alerts.get(params.id);
  }

  @Contract(apiRoutes.acknowledgeAlert)
  acknowledge(
    @Req() req: Request,
    @Param() params: { id: string },
    @Body() body: Acknowledge,
  ): Promise<AlertDetail> {
    return this.alerts.acknowledge(principalOf(req), params.id, body);
  }

  @Contract(apiRoutes.evaluateAlerts)
  evaluate(@Query() query: { asOf?: string }): Promise<EvaluationSummary> {
    return this.evaluator.evaluate(query.asOf);
  }

  @Contract(apiRoutes.listAlertRules)
  rules(@Query() query: { indicator?: string }): Promise<AlertRuleOut[]> {
    return this.alerts.rules(query.indicator);
  }

  @Contract(apiRoutes.setDefaultAlertRule)
  setDefault(
    @Req() req: Request,
    @Param() params: { rule: AlertRuleKind },
    @Body() body: RuleBody,
  ): Promise<AlertRuleOut> {
    return this.alerts.setRule(principalOf(req), params.rule, null, body);
  }

  @Contract(apiRoutes.setIndicatorAlertRule)
  setForIndicator(
    @Req() req: Request,
    @Param() params: { code: string; rule: AlertRuleKind },
    @Body() body: RuleBody,
  ): Promise<AlertRuleOut> {
    return this.alerts.setRule(principalOf(req), params.rule, params.code.toUpperCase(), body);
  }

  @Contract(apiRoutes.deleteIndicatorAlertRule)
  deleteForIndicator(@Param() params: { code: string; rule: AlertRuleKind }): Promise<void> {
    return this.alerts.deleteRule(params.rule, params.code.toUpperCase());
  }

  @Contract(apiRoutes.listAlertSubscriptions)
  subscriptions(): Promise<AlertSubscriptionOut[]> {
    return this.alerts.subscriptions();
  }

  @Contract(apiRoutes.createAlertSubscription)
  createSubscription(
    @Body() body: Parameters<AlertsService['createSubscription']>[0],
  ): Promise<AlertSubscriptionOut> {
    return this.alerts.createSubscription(body);
  }

  @Contract(apiRoutes.deleteAlertSubscription)
  deleteSubscription(@Param() params: { id: string }): Promise<void> {
    return this.alerts.deleteSubscription(params.id);
  }

  @Contract(apiRoutes.listSilences)
  silences(): Promise<SilenceOut[]> {
    return this.alerts.silences();
  }

  @Contract(apiRoutes.createSilence)
  createSilence(
    @Req() req: Request,
    @Body()
    body: {
      indicator?: string;
      department?: string;
      rule?: AlertRuleKind;
      startsAt?: string;
      endsAt: string;
      reason: string;
    },
  ): Promise<SilenceOut> {
    return this.alerts.createSilence(principalOf(req), body);
  }

  @Contract(apiRoutes.endSilence)
  endSilence(@Param() params: { id: string }): Promise<void> {
    return this.alerts.endSilence(params.id);
  }

  @Contract(apiRoutes.getInbox)
  inbox(
    @Req() req: Request,
    @Query() query: { unread?: 'true' | 'false'; limit: number },
  ): ReturnType<AlertsService['inbox']> {
    return this.alerts.inbox(principalOf(req), query.unread === 'true', query.limit);
  }

  @Contract(apiRoutes.readInboxItem)
  read(@Req() req: Request, @Param() params: { id: string }): Promise<void> {
    return this.alerts.markRead(principalOf(req), params.id);
  }

  @Contract(apiRoutes.readAllInbox)
  readAll(@Req() req: Request): Promise<void> {
    return this.alerts.markRead(principalOf(req), null);
  }
}
