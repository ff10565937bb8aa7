import { Module } from '@nestjs/common';
import { AlertLifecycleService } from './alert-lifecycle.service.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsRepository } from './alerts.repository.js';
import { AlertsService } from './alerts.service.js';

/** Alerts themselves: created, resolved and escalated by evaluations; read and acknowledged by people. */
@Module({
  controllers: [AlertsController],
  providers: [AlertsRepository, AlertsService, AlertLifecycleService],
  exports: [AlertsService, AlertLifecycleService],
})
export class AlertLifecycleModule {}
