import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Department, Region } from '@zhibiao/contracts';
import { toDepartment, toRegion } from './catalog.mappers.js';
import { ReferenceRepository } from './reference.repository.js';

/** The reference lists, departments and regions, for the API and for the other features. */
@Injectable()
export class ReferenceService {
  constructor(private readonly references: ReferenceRepository) {}

  async departments(db?: EntityManager): Promise<Department[]> {
    return (await this.references.departments(db)).map(toDepartment);
  }

  async regions(): Promise<Region[]> {
    return (await this.references.regions()).map(toRegion);
  }

  /** The codes of every department, in `db` (a transaction checking a write). */
  departmentCodes(db?: EntityManager): Promise<Set<string>> {
    return this.references.departmentCodes(db);
  }

  /** Departments that lead at least one indicator, measure or node task (demo reporters). */
  leadDepartments(): Promise<{ code: string; name: string }[]> {
    return this.references.leadDepartments();
  }
}
