import { Body, Controller, Param, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { apiRoutes } from '@zhibiao/contracts';
import { principalOf } from '../../auth/auth.guard.js';
import { Contract, type RouteIn, type RouteOut } from '../../common/contract.js';
import { AlertsService } from './alerts.service.js';

@Controller()
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Contract(apiRoutes.listAlerts)
  list(@Query() query: RouteIn<'listAlerts'>['query']): Promise<RouteOut<'listAlerts'>> {
    return this.alerts.list(query);
  }

  @Contract(apiRoutes.getAlert)
  get(@Param() params: RouteIn<'getAlert'>['params']): Promise<RouteOut<'getAlert'>> {
    return this.alerts.get(params.id);
  }

  @Contract(apiRoutes.acknowledgeAlert)
  acknowledge(
    @Req() req: Request,
    @Param() params: RouteIn<'acknowledgeAlert'>['params'],
    @Body() body: RouteIn<'acknowledgeAlert'>['body'],
  ): Promise<RouteOut<'acknowledgeAlert'>> {
    return this.alerts.acknowledge(principalOf(req), params.id, body);
  }
}
