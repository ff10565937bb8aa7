import { Controller, Query } from '@nestjs/common';
import { apiRoutes } from '@zhibiao/contracts';
import { Contract, type RouteIn, type RouteOut } from '../common/contract.js';
import { AuditService } from './audit.service.js';

@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Contract(apiRoutes.listAudit)
  list(@Query() query: RouteIn<'listAudit'>['query']): Promise<RouteOut<'listAudit'>> {
    return this.audit.list(query);
  }
}
