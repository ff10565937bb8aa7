import { Injectable } from '@nestjs/common';
import type { Department, Region } from '@zhibiao/contracts';
import { toDepartment, toRegion } from './catalog.mappers.js';
import { ReferenceRepository } from './reference.repository.js';

@Injectable()
export class ReferenceService {
  constructor(private readonly references: ReferenceRepository) {}

  async departments(): Promise<Department[]> {
    return (await this.references.departments()).map(toDepartment);
  }

  async regions(): Promise<Region[]> {
    return (await this.references.regions()).map(toRegion);
  }
}
