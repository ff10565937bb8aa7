import { Body, Controller, Query } from '@nestjs/common';
import { apiRoutes } from '@zhibiao/contracts';
import { Contract, type RouteIn, type RouteOut } from '../common/contract.js';
import { AssignmentsService } from './assignments.service.js';

@Controller()
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Contract(apiRoutes.listAssignments)
  list(@Query() query: RouteIn<'listAssignments'>['query']): Promise<RouteOut<'listAssignments'>> {
    return this.assignments.list(query);
  }

  @Contract(apiRoutes.setAssignment)
  set(@Body() body: RouteIn<'setAssignment'>['body']): Promise<RouteOut<'setAssignment'>> {
    return this.assignments.set(body.department, body.indicator, body.regions);
  }
}
