import { Body, Controller, Param, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { apiRoutes } from '@zhibiao/contracts';
import { principalOf } from '../../auth/auth.guard.js';
import { principalName } from '../../auth/principal.js';
import { Contract, type RouteIn, type RouteOut } from '../../common/contract.js';
import { PullRunnerService } from './pull-runner.service.js';
import { PullSourcesService } from './pull-sources.service.js';

@Controller()
export class PullSourcesController {
  constructor(
    private readonly sources: PullSourcesService,
    private readonly runner: PullRunnerService,
  ) {}

  @Contract(apiRoutes.listPullSources)
  async list(
    @Query() query: RouteIn<'listPullSources'>['query'],
  ): Promise<RouteOut<'listPullSources'>> {
    return { items: await this.sources.list(query.department) };
  }

  @Contract(apiRoutes.createPullSource)
  create(
    @Req() req: Request,
    @Body() body: RouteIn<'createPullSource'>['body'],
  ): Promise<RouteOut<'createPullSource'>> {
    return this.sources.create(body, principalName(principalOf(req)));
  }

  @Contract(apiRoutes.updatePullSource)
  update(
    @Param() params: RouteIn<'updatePullSource'>['params'],
    @Body() body: RouteIn<'updatePullSource'>['body'],
  ): Promise<RouteOut<'updatePullSource'>> {
    return this.sources.update(params.id, body);
  }

  @Contract(apiRoutes.deletePullSource)
  delete(@Param() params: RouteIn<'deletePullSource'>['params']): Promise<void> {
    return this.sources.delete(params.id);
  }

  @Contract(apiRoutes.runPullSource)
  run(@Param() params: RouteIn<'runPullSource'>['params']): Promise<RouteOut<'runPullSource'>> {
    return this.runner.runNow(params.id);
  }

  @Contract(apiRoutes.listPullRuns)
  async runs(
    @Param() params: RouteIn<'listPullRuns'>['params'],
    @Query() query: RouteIn<'listPullRuns'>['query'],
  ): Promise<RouteOut<'listPullRuns'>> {
    return { items: await this.sources.runs(params.id, query.limit) };
  }
}
