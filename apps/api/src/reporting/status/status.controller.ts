import { Controller, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { apiRoutes } from '@zhibiao/contracts';
import { principalOf } from '../../auth/auth.guard.js';
import { Contract, type RouteIn, type RouteOut } from '../../common/contract.js';
import { StatusService } from './status.service.js';

@Controller()
export class StatusController {
  constructor(private readonly status: StatusService) {}

  @Contract(apiRoutes.getReportingStatus)
  get(
    @Req() req: Request,
    @Query() query: RouteIn<'getReportingStatus'>['query'],
  ): Promise<RouteOut<'getReportingStatus'>> {
    return this.status.status(principalOf(req), query);
  }

  @Contract(apiRoutes.getReportingHistory)
  history(
    @Req() req: Request,
    @Query() query: RouteIn<'getReportingHistory'>['query'],
  ): Promise<RouteOut<'getReportingHistory'>> {
    return this.status.history(principalOf(req), query);
  }
}
