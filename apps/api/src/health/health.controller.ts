import { Controller } from '@nestjs/common';
import { apiRoutes, type Health } from '@zhibiao/contracts';
import { Contract } from '../common/contract.js';
import { currentScope } from '../common/request-context.js';
import { HealthService } from './health.service.js';

@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Contract(apiRoutes.health)
  check(): Promise<Health> {
    // The route is public: only a signed-in caller is told what the database driver said.
    return this.health.check(currentScope()?.principal !== undefined);
  }
}
