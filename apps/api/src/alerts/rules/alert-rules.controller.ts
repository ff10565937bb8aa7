import { Body, Controller, Param, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { apiRoutes } from '@zhibiao/contracts';
import { principalOf } from '../../auth/auth.guard.js';
import { Contract, type RouteIn, type RouteOut } from '../../common/contract.js';
import { AlertRulesService } from './alert-rules.service.js';

@Controller()
export class AlertRulesController {
  constructor(private readonly rules: AlertRulesService) {}

  @Contract(apiRoutes.listAlertRules)
  list(@Query() query: RouteIn<'listAlertRules'>['query']): Promise<RouteOut<'listAlertRules'>> {
    return this.rules.list(query.indicator);
  }

  @Contract(apiRoutes.setDefaultAlertRule)
  setDefault(
    @Req() req: Request,
    @Param() params: RouteIn<'setDefaultAlertRule'>['params'],
    @Body() body: RouteIn<'setDefaultAlertRule'>['body'],
  ): Promise<RouteOut<'setDefaultAlertRule'>> {
    return this.rules.set(principalOf(req), params.rule, null, body);
  }

  @Contract(apiRoutes.setIndicatorAlertRule)
  setForIndicator(
    @Req() req: Request,
    @Param() params: RouteIn<'setIndicatorAlertRule'>['params'],
    @Body() body: RouteIn<'setIndicatorAlertRule'>['body'],
  ): Promise<RouteOut<'setIndicatorAlertRule'>> {
    return this.rules.set(principalOf(req), params.rule, params.code.toUpperCase(), body);
  }

  @Contract(apiRoutes.deleteIndicatorAlertRule)
  deleteForIndicator(
    @Param() params: RouteIn<'deleteIndicatorAlertRule'>['params'],
  ): Promise<void> {
    return this.rules.delete(params.rule, params.code.toUpperCase());
  }
}
