import { Body, Controller, Param, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { apiRoutes } from '@zhibiao/contracts';
import { principalOf } from '../../auth/auth.guard.js';
import { Contract, type RouteIn, type RouteOut } from '../../common/contract.js';
import { actorOf } from '../actor.js';
import { NoticesService } from './notices.service.js';

@Controller()
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Contract(apiRoutes.listNotices)
  list(@Query() query: RouteIn<'listNotices'>['query']): Promise<RouteOut<'listNotices'>> {
    return this.notices.list(query);
  }

  @Contract(apiRoutes.getNotice)
  get(@Param() params: RouteIn<'getNotice'>['params']): Promise<RouteOut<'getNotice'>> {
    return this.notices.get(params.id);
  }

  @Contract(apiRoutes.raiseNotice)
  raise(
    @Req() req: Request,
    @Body() body: RouteIn<'raiseNotice'>['body'],
  ): Promise<RouteOut<'raiseNotice'>> {
    return this.notices.raise(actorOf(principalOf(req)), body);
  }

  @Contract(apiRoutes.raiseAlertNotice)
  raiseFromAlert(
    @Req() req: Request,
    @Param() params: RouteIn<'raiseAlertNotice'>['params'],
    @Body() body: RouteIn<'raiseAlertNotice'>['body'],
  ): Promise<RouteOut<'raiseAlertNotice'>> {
    return this.notices.raiseFromAlert(actorOf(principalOf(req)), params.id, body);
  }

  @Contract(apiRoutes.replyNotice)
  reply(
    @Req() req: Request,
    @Param() params: RouteIn<'replyNotice'>['params'],
    @Body() body: RouteIn<'replyNotice'>['body'],
  ): Promise<RouteOut<'replyNotice'>> {
    return this.notices.reply(actorOf(principalOf(req)), params.id, body);
  }

  @Contract(apiRoutes.closeNotice)
  close(
    @Req() req: Request,
    @Param() params: RouteIn<'closeNotice'>['params'],
    @Body() body: RouteIn<'closeNotice'>['body'],
  ): Promise<RouteOut<'closeNotice'>> {
    return this.notices.close(actorOf(principalOf(req)), params.id, body);
  }

  @Contract(apiRoutes.reopenNotice)
  reopen(
    @Req() req: Request,
    @Param() params: RouteIn<'reopenNotice'>['params'],
    @Body() body: RouteIn<'reopenNotice'>['body'],
  ): Promise<RouteOut<'reopenNotice'>> {
    return this.notices.reopen(actorOf(principalOf(req)), params.id, body);
  }
}
