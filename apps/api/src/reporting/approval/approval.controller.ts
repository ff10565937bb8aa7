import { Body, Controller, Param, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { apiRoutes } from '@zhibiao/contracts';
import { principalOf } from '../../auth/auth.guard.js';
import { Contract, type RouteIn, type RouteOut } from '../../common/contract.js';
import { ApprovalService } from './approval.service.js';

@Controller()
export class ApprovalController {
  constructor(private readonly approval: ApprovalService) {}

  @Contract(apiRoutes.setPlanApproval)
  set(
    @Param() params: RouteIn<'setPlanApproval'>['params'],
    @Body() body: RouteIn<'setPlanApproval'>['body'],
  ): Promise<RouteOut<'setPlanApproval'>> {
    return this.approval.setPlanApproval(params.code, body.approvalFrom);
  }

  @Contract(apiRoutes.listApprovals)
  list(
    @Req() req: Request,
    @Query() query: RouteIn<'listApprovals'>['query'],
  ): Promise<RouteOut<'listApprovals'>> {
    return this.approval.list(query, principalOf(req));
  }

  @Contract(apiRoutes.decideApproval)
  decide(
    @Req() req: Request,
    @Body() body: RouteIn<'decideApproval'>['body'],
  ): Promise<RouteOut<'decideApproval'>> {
    return this.approval.decide(body, principalOf(req));
  }
}
