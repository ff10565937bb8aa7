import { readFile, readdir } from 'node:fs/promises';
import type { EntityManager } from 'typeorm';
import path from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { issuePath } from '@zhibiao/contracts';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { StartupError } from '../common/startup-error.js';
import {
  SeedCatalogueSchema,
  measureContext,
  measureOffset,
  type SeedCatalogue,
} from './seed-catalogue.schema.js';
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
  const problem = seedProblems(catalogue, sourceText)[0];
  if (problem) throw new StartupError('SEEDS_DIR', `${file}: ${problem}`);
  return { catalogue, sourceText };
}

/**
 * What the schema cannot check: references between parts of the file, sentences quoted from the plan,
 * and city sub-targets that add up. Each problem names its field path.
 */
export function seedProblems(catalogue: SeedCatalogue, sourceText: string): string[] {
  const problems: string[] = [];
  const departments = new Set(catalogue.departments.map((d) => d.code));
  const cities = catalogue.regions.filter((r) => r.level === 'city').map((r) => r.code);
  const taskSection = new Map<string, string>();
  const quoted = (text: string, path: string) => {
    if (!sourceText.includes(text)) problems.push(`${path} is not in the plan text`);
  };
  catalogue.sections.forEach((section, i) => {
    quoted(section.sourceText, `sections.${i}.sourceText`);
    section.tasks.forEach((task, j) => {
      taskSection.set(task.code, section.code);
      quoted(task.sourceText, `sections.${i}.tasks.${j}.sourceText`);
    });
  });
  const sections = new Set(catalogue.sections.map((s) => s.code));
  const placed = (item: { section?: string | null; task?: string | null }, path: string) => {
    if (item.task && taskSection.get(item.task) === undefined)
      problems.push(`${path}.task ${item.task} is not a task`);
    else if (item.task && item.section && taskSection.get(item.task) !== item.section) {
      problems.push(`${path}.task ${item.task} is not in section ${item.section}`);
    } else if (item.section && !sections.has(item.section)) {
      problems.push(`${path}.section ${item.section} is not a section`);
    }
  };
  const staffed = (item: { code: string; lead: string[]; support: string[] }, path: string) => {
    for (const role of ['lead', 'support'] as const) {
      item[role].forEach((code, j) => {
        if (!departments.has(code)) {
          problems.push(`${path}.${role}.${j} (${item.code}) names unknown department ${code}`);
        }
      });
    }
  };
  catalogue.indicators.forEach((indicator, i) => {
    staffed(indicator, `indicators.${i}`);
    if (indicator.reporter !== undefined && !departments.has(indicator.reporter)) {
      problems.push(
        `indicators.${i}.reporter (${indicator.code}) names unknown department ${indicator.reporter}`,
      );
    }
    placed(indicator, `indicators.${i}`);
    quoted(indicator.sourceText, `indicators.${i}.sourceText (${indicator.code})`);
  });
  catalogue.milestones.forEach((milestone, i) => {
    staffed(milestone, `milestones.${i}`);
    placed(milestone, `milestones.${i}`);
    quoted(milestone.sourceText, `milestones.${i}.sourceText (${milestone.code})`);
  });
  const indicators = new Set(catalogue.indicators.map((x) => x.code));
  const milestones = new Set(catalogue.milestones.map((x) => x.code));
  catalogue.measures.forEach((measure, i) => {
    const path = `measures.${i}`;
    staffed(measure, path);
    placed(measure, path);
    const text = measureContext(catalogue, measure);
    if (text !== undefined && measureOffset(text, measure.sourceText) === null) {
      problems.push(`${path}.sourceText (${measure.code}) is not once in its task's text`);
    }
    measure.indicators.forEach((code, j) => {
      if (!indicators.has(code))
        problems.push(`${path}.indicators.${j} ${code} is not an indicator`);
    });
    measure.milestones.forEach((code, j) => {
      if (!milestones.has(code))
        problems.push(`${path}.milestones.${j} ${code} is not a milestone`);
    });
  });
  catalogue.corrections.forEach((correction, i) => {
    const path = `corrections.${i}`;
    if (correction.version > catalogue.version) {
      problems.push(
        `${path}.version ${correction.version} is after the file's ${catalogue.version}`,
      );
    }
    if ('indicator' in correction) {
      const indicator = catalogue.indicators.find((x) => x.code === correction.indicator);
      if (!indicator)
        problems.push(`${path}.indicator ${correction.indicator} is not an indicator`);
      if (!departments.has(correction.reporterWas)) {
        problems.push(`${path}.reporterWas names unknown department ${correction.reporterWas}`);
      }
    } else {
      const milestone = catalogue.milestones.find((x) => x.code === correction.milestone);
      if (!milestone) problems.push(`${path}.milestone ${correction.milestone} is not a milestone`);
      correction.supportWas.forEach((code, j) => {
        if (!departments.has(code))
          problems.push(`${path}.supportWas.${j} names unknown department ${code}`);
      });
    }
  });
  catalogue.subTargets.forEach((set, i) => {
    const indicator = catalogue.indicators.find((candidate) => candidate.code === set.indicator);
    if (!indicator || indicator.regions !== 'cities') {
      problems.push(
        `subTargets.${i}.indicator ${set.indicator} is not an indicator broken down by city`,
      );
      return;
    }
    const regions = Object.keys(set.values).sort();
    if (regions.join() !== [...cities].sort().join()) {
      problems.push(`subTargets.${i}.values must name each of the ${cities.length} cities once`);
    }
    const sum = Object.values(set.values).reduce((total, value) => total + value, 0);
    if (indicator.kind !== 'ratio' && Math.abs(sum - indicator.target.value) > 1e-6) {
      problems.push(
        `subTargets.${i}.values add up to ${sum}, not to the target ${indicator.target.value}`,
      );
    }
  });
  return problems;
}

/**
 * Loads every seeded plan the database does not have, and brings plans seeded from an older version
 * of their file up to date by adding what is new (never changing or re-adding what a user edited or
 * removed).
 */
@Injectable()
export class SeedService {
  private readonly logger = new Logger('seed');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: SeedRepository,
  ) {}

  /**
   * Writes a whole catalogue as one plan, in `db` (a plan import publishes its reviewed draft in the
   * transaction that marks it published): the one path that writes a plan at once.
   */
  insertCatalogue(catalogue: SeedCatalogue, sourceText: string, db: EntityManager): Promise<void> {
    return this.repository.insertCatalogue(catalogue, sourceText, db);
  }

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
      const seeded = await this.repository.seedState(catalogue.plan.code);
      if (seeded === 'absent') {
        await this.repository.insertCatalogue(catalogue, sourceText);
        this.logger.log({
          msg: 'seeded plan',
          plan: catalogue.plan.code,
          version: catalogue.version,
        });
      } else if (typeof seeded === 'number' && seeded < catalogue.version) {
        const corrected = await this.repository.upgradeCatalogue(catalogue, seeded);
        this.logger.log({
          msg: 'updated seeded plan',
          plan: catalogue.plan.code,
          from: seeded,
          to: catalogue.version,
          corrected,
        });
      } else {
        continue;
      }
      loaded.push(catalogue.plan.code);
    }
    return loaded;
  }
}
