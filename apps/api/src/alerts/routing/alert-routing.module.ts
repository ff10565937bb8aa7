import { Module } from '@nestjs/common';
import { CatalogModule } from '../../catalog/catalog.module.js';
import { UsersModule } from '../../users/users.module.js';
import { AlertLifecycleModule } from '../lifecycle/alert-lifecycle.module.js';
import { InboxController } from './inbox.controller.js';
import { InboxRepository } from './inbox.repository.js';
import { InboxService } from './inbox.service.js';
import { SubscriptionsController } from './subscriptions.controller.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';
import { SubscriptionsService } from './subscriptions.service.js';

/** Routing: subscriptions say who hears of which alerts; events are delivered to their inboxes. */
@Module({
  imports: [AlertLifecycleModule, CatalogModule, UsersModule],
  controllers: [SubscriptionsController, InboxController],
  providers: [SubscriptionsRepository, SubscriptionsService, InboxRepository, InboxService],
  exports: [InboxService],
})
export class AlertRoutingModule {}
