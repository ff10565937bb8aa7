import { Body, Controller, Param, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { apiRoutes } from '@zhibiao/contracts';
import { principalOf } from '../../auth/auth.guard.js';
import { Contract, type RouteIn, type RouteOut } from '../../common/contract.js';
import { actorOf } from '../actor.js';
import { CompletionsService } from './completions.service.js';

@Controller()
export class CompletionsController {
  constructor(private readonly completions: CompletionsService) {}

  @Contract(apiRoutes.listCompletions)
  list(
    @Param() params: RouteIn<'listCompletions'>['params'],
  ): Promise<RouteOut<'listCompletions'>> {
    return this.completions.list(params.code);
  }

  @Contract(apiRoutes.claimCompletion)
  claim(
    @Req() req: Request,
    @Param() params: RouteIn<'claimCompletion'>['params'],
    @Body() body: RouteIn<'claimCompletion'>['body'],
  ): Promise<RouteOut<'claimCompletion'>> {
    return this.completions.claim(actorOf(principalOf(req)), params.code, body);
  }

  @Contract(apiRoutes.listCompletionQueue)
  queue(
    @Query() query: RouteIn<'listCompletionQueue'>['query'],
  ): Promise<RouteOut<'listCompletionQueue'>> {
    return this.completions.queue(query.plan, query.state);
  }

  @Contract(apiRoutes.reviewCompletion)
  review(
    @Req() req: Request,
    @Param() params: RouteIn<'reviewCompletion'>['params'],
    @Body() body: RouteIn<'reviewCompletion'>['body'],
  ): Promise<RouteOut<'reviewCompletion'>> {
    return this.completions.review(actorOf(principalOf(req)), params.id, body);
  }
}
