import { Module } from '@nestjs/common';
import { AlertEvaluationModule } from './evaluation/alert-evaluation.module.js';
import { AlertLifecycleModule } from './lifecycle/alert-lifecycle.module.js';
import { AlertRoutingModule } from './routing/alert-routing.module.js';
import { AlertRulesModule } from './rules/alert-rules.module.js';
import { SilencesModule } from './silences/silences.module.js';

/**
 * Shortfall alerts, by sub-feature: rules/ (what fires, tuned per indicator), evaluation/ (when and
 * how each track is decided), lifecycle/ (alerts created, resolved, escalated, acknowledged),
 * silences/, routing/ (subscriptions and the inbox).
 */
@Module({
  imports: [
    AlertRulesModule,
    SilencesModule,
    AlertLifecycleModule,
    AlertRoutingModule,
    AlertEvaluationModule,
  ],
  exports: [AlertEvaluationModule, AlertRoutingModule],
})
export class AlertsModule {}
