import { Body, Controller, Param } from '@nestjs/common';
import { apiRoutes } from '@zhibiao/contracts';
import { Contract, type RouteIn, type RouteOut } from '../common/contract.js';
import { MilestoneService } from './milestone.service.js';

@Controller()
export class MilestoneController {
  constructor(private readonly milestones: MilestoneService) {}

  @Contract(apiRoutes.createMilestone)
  create(
    @Param() params: RouteIn<'createMilestone'>['params'],
    @Body() body: RouteIn<'createMilestone'>['body'],
  ): Promise<RouteOut<'createMilestone'>> {
    return this.milestones.create(params.code, body);
  }

  @Contract(apiRoutes.updateMilestone)
  update(
    @Param() params: RouteIn<'updateMilestone'>['params'],
    @Body() body: RouteIn<'updateMilestone'>['body'],
  ): Promise<RouteOut<'updateMilestone'>> {
    return this.milestones.update(params.code, body);
  }

  @Contract(apiRoutes.deleteMilestone)
  delete(@Param() params: RouteIn<'deleteMilestone'>['params']): Promise<void> {
    return this.milestones.delete(params.code);
  }
}
