import { Body, Controller, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { apiRoutes } from '@zhibiao/contracts';
import { principalOf } from '../../auth/auth.guard.js';
import { Contract, type RouteIn, type RouteOut } from '../../common/contract.js';
import { RemindersService } from './reminders.service.js';

@Controller()
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Contract(apiRoutes.listReminders)
  async list(
    @Req() req: Request,
    @Query() query: RouteIn<'listReminders'>['query'],
  ): Promise<RouteOut<'listReminders'>> {
    return { items: await this.reminders.list(principalOf(req), query) };
  }

  @Contract(apiRoutes.sendReminder)
  send(
    @Req() req: Request,
    @Body() body: RouteIn<'sendReminder'>['body'],
  ): Promise<RouteOut<'sendReminder'>> {
    return this.reminders.remind(principalOf(req), body);
  }
}
