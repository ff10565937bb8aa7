import { Controller, Param, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { apiRoutes } from '@zhibiao/contracts';
import { principalOf } from '../../auth/auth.guard.js';
import { Contract, type RouteIn, type RouteOut } from '../../common/contract.js';
import { InboxService } from './inbox.service.js';

@Controller()
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Contract(apiRoutes.getInbox)
  get(
    @Req() req: Request,
    @Query() query: RouteIn<'getInbox'>['query'],
  ): Promise<RouteOut<'getInbox'>> {
    return this.inbox.inbox(principalOf(req), query.unread === 'true', query.limit);
  }

  @Contract(apiRoutes.readInboxItem)
  read(@Req() req: Request, @Param() params: RouteIn<'readInboxItem'>['params']): Promise<void> {
    return this.inbox.markRead(principalOf(req), params.id);
  }

  @Contract(apiRoutes.readAllInbox)
  readAll(@Req() req: Request): Promise<void> {
    return this.inbox.markRead(principalOf(req), null);
  }
}
