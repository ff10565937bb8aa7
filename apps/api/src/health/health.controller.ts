import { Controller } from '@nestjs/common';
import { apiRoutes, type Health } from '@zhibiao/contracts';
import { Contract } from '../common/contract.js';
import { HealthService } from './health.service.js';

@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Contract(apiRoutes.health)
  check(): Promise<Health> {
    return this.health.check();
  }
}
