import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { issuePath } from '@zhibiao/contracts';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { StartupError } from '../common/startup-error.js';
import { SeedCatalogueSchema, type SeedCatalogue } from './seed-catalogue.schema.js';
import { SeedRepository } from './seed.repository.js';

export interface LoadedSeed {
  catalogue: SeedCatalogue;
  sourceText: string;
}

/** Reads and checks a seeded plan's files. A broken seed stops the start with the file and field named. */
export async function readSeed(seedDir: string): Promise<LoadedSeed> {
  const file = path.join(seedDir, 'catalogue.json');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new StartupError('SEEDS_DIR', `cannot read ${file}: ${(error as Error).message}`);
  }
  const parsed = SeedCatalogueSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new StartupError(
      'SEEDS_DIR',
      `${file} is not a valid catalogue: ${first ? `${issuePath(first.path)}: ${first.message}` : 'unknown'}`,
    );
  }
  const catalogue = parsed.data;
  const sourceText = await readFile(path.join(seedDir, catalogue.plan.sourceFile), 'utf8');
  const knownDepartments = new Set(catalogue.departments.map((d) => d.code));
  for (const [i, indicator] of catalogue.indicators.entries()) {
    for (const role of ['lead', 'support'] as const) {
      for (const [j, code] of indicator[role].entries()) {
        if (!knownDepartments.has(code)) {
          throw new StartupError(
            'SEEDS_DIR',
            `${file}: indicators.${i}.${role}.${j} (${indicator.code}) names unknown department ${code}`,
          );
        }
      }
    }
    if (!sourceText.includes(indicator.sourceText)) {
      throw new StartupError(
        'SEEDS_DIR',
        `${file}: indicators.${i}.sourceText (${indicator.code}) is not in the plan text`,
      );
    }
  }
  return { catalogue, sourceText };
}

/** Loads every seeded plan that the database does not have yet. Idempotent; never overwrites. */
@Injectable()
export class SeedService {
  private readonly logger = new Logger('seed');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: SeedRepository,
  ) {}

  async loadMissingPlans(): Promise<string[]> {
    const loaded: string[] = [];
    const entries = await readdir(this.config.seedsDir, { withFileTypes: true }).catch(
      (error: NodeJS.ErrnoException) => {
        this.logger.warn({
          msg: 'no seeds loaded: SEEDS_DIR cannot be read',
          dir: this.config.seedsDir,
          code: error.code,
        });
        return [];
      },
    );
    for (const entry of entries
      .filter((e) => e.isDirectory())
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const { catalogue, sourceText } = await readSeed(path.join(this.config.seedsDir, entry.name));
      if (await this.repository.planExists(catalogue.plan.code)) continue;
      await this.repository.insertCatalogue(catalogue, sourceText);
      this.logger.log({
        msg: 'seeded plan',
        plan: catalogue.plan.code,
        indicators: catalogue.indicators.length,
      });
      loaded.push(catalogue.plan.code);
    }
    return loaded;
  }
}
