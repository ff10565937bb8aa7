import { Controller } from '@nestjs/common';
import { apiRoutes, type Department, type Region } from '@zhibiao/contracts';
import { Contract } from '../common/contract.js';
import { ReferenceService } from './reference.service.js';

@Controller()
export class ReferenceController {
  constructor(private readonly references: ReferenceService) {}

  @Contract(apiRoutes.listDepartments)
  departments(): Promise<Department[]> {
    return this.references.departments();
  }

  @Contract(apiRoutes.listRegions)
  regions(): Promise<Region[]> {
    return this.references.regions();
  }
}
