import { Controller } from '@nestjs/common';
import { apiRoutes, type ClockOut, type Health } from '@zhibiao/contracts';
import { Clock } from '../common/clock.js';
import { Contract } from '../common/contract.js';
import { currentScope } from '../common/request-context.js';
import { HealthService } from './health.service.js';

@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly clock: Clock,
  ) {}

  @Contract(apiRoutes.health)
  check(): Promise<Health> {
    // The route is public: only a signed-in caller is told what the database driver said.
    return this.health.check(currentScope()?.principal !== undefined);
  }

  /** The web app takes "today" from here, never from the browser's clock. */
  @Contract(apiRoutes.clock)
  today(): ClockOut {
    return { today: this.clock.today(), mode: this.clock.mode, demo: this.clock.demo ?? null };
  }
}
