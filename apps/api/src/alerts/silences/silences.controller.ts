import { Body, Controller, Param, Req } from '@nestjs/common';
import type { Request } from 'express';
import { apiRoutes } from '@zhibiao/contracts';
import { principalOf } from '../../auth/auth.guard.js';
import { Contract, type RouteIn, type RouteOut } from '../../common/contract.js';
import { SilencesService } from './silences.service.js';

@Controller()
export class SilencesController {
  constructor(private readonly silences: SilencesService) {}

  @Contract(apiRoutes.listSilences)
  list(): Promise<RouteOut<'listSilences'>> {
    return this.silences.list();
  }

  @Contract(apiRoutes.createSilence)
  create(
    @Req() req: Request,
    @Body() body: RouteIn<'createSilence'>['body'],
  ): Promise<RouteOut<'createSilence'>> {
    return this.silences.create(principalOf(req), body);
  }

  @Contract(apiRoutes.endSilence)
  end(@Param() params: RouteIn<'endSilence'>['params']): Promise<void> {
    return this.silences.end(params.id);
  }
}
