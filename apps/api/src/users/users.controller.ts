import { Body, Controller, Param } from '@nestjs/common';
import { apiRoutes, type User, type UserCreate, type UserUpdate } from '@zhibiao/contracts';
import { Contract } from '../common/contract.js';
import { UsersService } from './users.service.js';

@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Contract(apiRoutes.listUsers)
  list(): Promise<User[]> {
    return this.users.list();
  }

  @Contract(apiRoutes.createUser)
  create(@Body() body: UserCreate): Promise<User> {
    return this.users.create(body);
  }

  @Contract(apiRoutes.updateUser)
  update(@Param('id') id: string, @Body() body: UserUpdate): Promise<User> {
    return this.users.update(id, body);
  }

  @Contract(apiRoutes.resetPassword)
  resetPassword(@Param('id') id: string, @Body() body: { password: string }): Promise<void> {
    return this.users.resetPassword(id, body.password);
  }
}
