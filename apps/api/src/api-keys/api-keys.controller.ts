import { Body, Controller, Param } from '@nestjs/common';
import { apiRoutes } from '@zhibiao/contracts';
import { Contract, type RouteIn, type RouteOut } from '../common/contract.js';
import { ApiKeysService } from './api-keys.service.js';

@Controller()
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Contract(apiRoutes.listApiKeys)
  list(): Promise<RouteOut<'listApiKeys'>> {
    return this.keys.list();
  }

  @Contract(apiRoutes.createApiKey)
  create(@Body() body: RouteIn<'createApiKey'>['body']): Promise<RouteOut<'createApiKey'>> {
    return this.keys.create(body);
  }

  @Contract(apiRoutes.revokeApiKey)
  revoke(@Param() params: RouteIn<'revokeApiKey'>['params']): Promise<void> {
    return this.keys.revoke(params.id);
  }
}
