import { Body, Controller, Param } from '@nestjs/common';
import {
  apiRoutes,
  type Milestone,
  type MilestoneCreate,
  type MilestoneUpdate,
} from '@zhibiao/contracts';
import { Contract } from '../common/contract.js';
import { MilestoneService } from './milestone.service.js';

@Controller()
export class MilestoneController {
  constructor(private readonly milestones: MilestoneService) {}

  @Contract(apiRoutes.createMilestone)
  create(@Param('code') plan: string, @Body() body: MilestoneCreate): Promise<Milestone> {
    return this.milestones.create(plan, body);
  }

  @Contract(apiRoutes.updateMilestone)
  update(@Param('code') code: string, @Body() body: MilestoneUpdate): Promise<Milestone> {
    return this.milestones.update(code, body);
  }

  @Contract(apiRoutes.deleteMilestone)
  delete(@Param('code') code: string): Promise<void> {
    return this.milestones.delete(code);
  }
}
