import { Body, Controller, Param } from '@nestjs/common';
import { apiRoutes } from '@zhibiao/contracts';
import { Contract, type RouteIn, type RouteOut } from '../common/contract.js';
import { UsersService } from './users.service.js';

@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Contract(apiRoutes.listUsers)
  list(): Promise<RouteOut<'listUsers'>> {
    return this.users.list();
  }

  @Contract(apiRoutes.createUser)
  create(@Body() body: RouteIn<'createUser'>['body']): Promise<RouteOut<'createUser'>> {
    return this.users.create(body);
  }

  @Contract(apiRoutes.updateUser)
  update(
    @Param() params: RouteIn<'updateUser'>['params'],
    @Body() body: RouteIn<'updateUser'>['body'],
  ): Promise<RouteOut<'updateUser'>> {
    return this.users.update(params.id, body);
  }

  @Contract(apiRoutes.resetPassword)
  resetPassword(
    @Param() params: RouteIn<'resetPassword'>['params'],
    @Body() body: RouteIn<'resetPassword'>['body'],
  ): Promise<void> {
    return this.users.resetPassword(params.id, body.password);
  }
}
