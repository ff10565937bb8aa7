import { Body, Controller, Param } from '@nestjs/common';
import {
  apiRoutes,
  type ApiKey,
  type ApiKeyCreateSchema,
  type ApiKeyCreatedSchema,
} from '@zhibiao/contracts';
import type { z } from 'zod';
import { Contract } from '../common/contract.js';
import { ApiKeysService } from './api-keys.service.js';

@Controller()
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Contract(apiRoutes.listApiKeys)
  list(): Promise<ApiKey[]> {
    return this.keys.list();
  }

  @Contract(apiRoutes.createApiKey)
  create(
    @Body() body: z.output<typeof ApiKeyCreateSchema>,
  ): Promise<z.output<typeof ApiKeyCreatedSchema>> {
    return this.keys.create(body);
  }

  @Contract(apiRoutes.revokeApiKey)
  revoke(@Param('id') id: string): Promise<void> {
    return this.keys.revoke(id);
  }
}
