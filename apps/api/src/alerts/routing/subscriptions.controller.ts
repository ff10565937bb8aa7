import { Body, Controller, Param } from '@nestjs/common';
import { apiRoutes } from '@zhibiao/contracts';
import { Contract, type RouteIn, type RouteOut } from '../../common/contract.js';
import { SubscriptionsService } from './subscriptions.service.js';

@Controller()
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Contract(apiRoutes.listAlertSubscriptions)
  list(): Promise<RouteOut<'listAlertSubscriptions'>> {
    return this.subscriptions.list();
  }

  @Contract(apiRoutes.createAlertSubscription)
  create(
    @Body() body: RouteIn<'createAlertSubscription'>['body'],
  ): Promise<RouteOut<'createAlertSubscription'>> {
    return this.subscriptions.create(body);
  }

  @Contract(apiRoutes.deleteAlertSubscription)
  delete(@Param() params: RouteIn<'deleteAlertSubscription'>['params']): Promise<void> {
    return this.subscriptions.delete(params.id);
  }
}
