import { Body, Controller, Query } from '@nestjs/common';
import { apiRoutes, type Assignment } from '@zhibiao/contracts';
import { Contract } from '../common/contract.js';
import { AssignmentsService } from './assignments.service.js';

@Controller()
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Contract(apiRoutes.listAssignments)
  list(@Query() query: { department?: string; indicator?: string }): Promise<Assignment[]> {
    return this.assignments.list(query);
  }

  @Contract(apiRoutes.setAssignment)
  set(
    @Body() body: { department: string; indicator: string; regions: string[] },
  ): Promise<Assignment[]> {
    return this.assignments.set(body.department, body.indicator, body.regions);
  }
}
