import { Controller, Query } from '@nestjs/common';
import { apiRoutes, type AuditEntry, type AuditQuerySchema } from '@zhibiao/contracts';
import type { z } from 'zod';
import { Contract } from '../common/contract.js';
import { AuditService } from './audit.service.js';

@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Contract(apiRoutes.listAudit)
  list(@Query() query: z.output<typeof AuditQuerySchema>): Promise<AuditEntry[]> {
    return this.audit.list(query);
  }
}
