import { Module } from '@nestjs/common';
import { AssignmentRepository } from './assignment.repository.js';
import { AssignmentsController } from './assignments.controller.js';
import { AssignmentsService } from './assignments.service.js';

/**
 * Who reports what. The catalogue gives a new indicator its default assignment and every figure
 * write checks its rows here, so this module imports no other feature.
 */
@Module({
  controllers: [AssignmentsController],
  providers: [AssignmentRepository, AssignmentsService],
  exports: [AssignmentsService],
})
export class AssignmentsModule {}
