// Accuracy of plan extraction against hand labels: the seed plan against its curated catalogue, and the
// plans in test/fixtures/plans/ against the *.labels.json beside them. Prints the figures.
import { readdirSync, readFileSync } from 'node:fs';
import OpenCC from 'opencc-js';
import { afterAll, describe, expect, it } from 'vitest';
import { extractPlan, type ExtractedTarget, type PlanExtraction } from './plan-extract.js';
import type { Comparator } from '../targets/target.js';

interface LabelledTarget {
  name: string;
  target: { comparator: Comparator; value: number };
  unit: string;
  deadline: string;
  lead: string[];
  support: string[];
  sourceText: string;
}

interface LabelledMilestone {
  name: string;
  deadline: string;
  lead: string[];
  sourceText: string;
}

interface Labels {
  departments: { code: string; name: string }[];
  indicators: LabelledTarget[];
  milestones: LabelledMilestone[];
}

interface Fixture {
  name: string;
  text: string;
  labels: Labels;
}

const root = new URL('../../../../', import.meta.url);
const plans = new URL('test/fixtures/plans/', root);
const read = (url: URL) => readFileSync(url, 'utf8');

const fixtures: Fixture[] = [
  {
    name: 'digital-shandong-2020 (seed)',
    text: read(new URL('seeds/digital-shandong-2020/plan.zh-Hant.txt', root)),
    labels: JSON.parse(read(new URL('seeds/digital-shandong-2020/catalogue.json', root))) as Labels,
  },
  ...readdirSync(plans)
    .filter((f) => f.endsWith('.labels.json'))
    .sort()
    .map((f) => {
      const stem = f.replace(/\.labels\.json$/, '');
      const textFile = readdirSync(plans).find(
        (t) => t.startsWith(`${stem}.`) && t.endsWith('.txt'),
      );
      if (!textFile) throw new Error(`no plan text beside ${f}`);
      return {
        name: stem,
        text: read(new URL(textFile, plans)),
        labels: JSON.parse(read(new URL(f, plans))) as Labels,
      };
    }),
];

// opencc-js's types import './core' without an extension, which NodeNext resolution cannot follow.
const { Converter } = OpenCC as unknown as {
  Converter: (options: { from: string; to: string }) => (text: string) => string;
};
// Taiwan and Hong Kong variants both: tw→cn alone leaves Hong Kong's 衞 (卫) as it is.
const fromTaiwan = Converter({ from: 'tw', to: 'cn' });
const fromHongKong = Converter({ from: 'hk', to: 'cn' });
const toSimplified = (text: string) => fromTaiwan(fromHongKong(text));

/** Where a label's verbatim source text sits in the plan (it must occur exactly once). */
function span(text: string, sourceText: string): { start: number; end: number } {
  const start = text.indexOf(sourceText);
  if (start < 0 || text.indexOf(sourceText, start + 1) >= 0) {
    throw new Error(`sourceText not found exactly once: ${sourceText}`);
  }
  return { start, end: start + sourceText.length };
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));
const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);

interface Score {
  labels: number;
  found: number;
  matched: number;
  recall: number;
  precision: number;
  deadlines: number;
  leads: number;
  supports: number;
  milestoneRecall: number;
  milestonePrecision: number;
  /** Median milliseconds per call, with conversion to Simplified and without it. */
  ms: number;
  msOwn?: number;
}

/** A found target matches a label when their spans overlap and value, unit and comparator agree. */
function score(fixture: Fixture, result: PlanExtraction, ms: number): Score {
  const { text, labels } = fixture;
  const pairs: [LabelledTarget, ExtractedTarget][] = [];
  const used = new Set<ExtractedTarget>();
  for (const label of labels.indicators) {
    const where = span(text, label.sourceText);
    const found = result.targets.find(
      (t) =>
        !used.has(t) &&
        overlaps(t, where) &&
        t.value === label.target.value &&
        t.unit === label.unit &&
        t.comparator === label.target.comparator,
    );
    if (found) {
      used.add(found);
      pairs.push([label, found]);
    }
  }
  const milestoneSpans = labels.milestones.map((m) => span(text, m.sourceText));
  const recalled = milestoneSpans.filter((s) => result.milestones.some((m) => overlaps(m, s)));
  const relevant = result.milestones.filter((m) => milestoneSpans.some((s) => overlaps(m, s)));
  return {
    labels: labels.indicators.length,
    found: result.targets.length,
    matched: pairs.length,
    recall: ratio(pairs.length, labels.indicators.length),
    precision: ratio(pairs.length, result.targets.length),
    deadlines: ratio(pairs.filter(([l, t]) => l.deadline === t.deadline).length, pairs.length),
    leads: ratio(
      pairs.filter(([l, t]) => sameSet(l.lead, t.leadDepartmentCodes ?? [])).length,
      pairs.length,
    ),
    supports: ratio(
      pairs.filter(([l, t]) => sameSet(l.support, t.supportDepartmentCodes ?? [])).length,
      pairs.length,
    ),
    milestoneRecall: ratio(recalled.length, milestoneSpans.length),
    milestonePrecision: ratio(relevant.length, result.milestones.length),
    ms,
  };
}

const scores = new Map<string, Score>();

describe(`${extractPlan.name} on labelled plans`, () => {
  afterAll(() => {
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.log(
      [
        '| plan | targets labelled | found | matched | recall | precision | deadline ok | lead ok | support ok | milestones recall / precision | ms (with opencc / extraction alone) |',
        '|---|---|---|---|---|---|---|---|---|---|---|',
        ...[...scores].map(
          ([name, s]) =>
            `| ${name} | ${s.labels} | ${s.found} | ${s.matched} | ${pct(s.recall)} | ${pct(s.precision)} | ${pct(s.deadlines)} | ${pct(s.leads)} | ${pct(s.supports)} | ${pct(s.milestoneRecall)} / ${pct(s.milestonePrecision)} | ${s.ms.toFixed(1)} / ${(s.msOwn ?? 0).toFixed(1)} |`,
        ),
      ].join('\n'),
    );
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('reads %s', (name, fixture) => {
    const options = { toSimplified, departments: fixture.labels.departments };
    // The median of a few runs, once warm.
    let result = extractPlan(fixture.text, options);
    for (let i = 0; i < 3; i++) result = extractPlan(fixture.text, options);
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      result = extractPlan(fixture.text, options);
      times.push(performance.now() - t0);
    }
    const ms = times.sort((a, b) => a - b)[3] ?? 0;
    // The same without the two opencc-js passes: the extraction's own share.
    const simplified = toSimplified(fixture.text);
    const same = { ...options, toSimplified: (text: string) => text };
    const own: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      extractPlan(simplified, same);
      own.push(performance.now() - t0);
    }
    const s = { ...score(fixture, result, ms), msOwn: own.sort((a, b) => a - b)[3] ?? 0 };
    scores.set(name, s);
    expect(s.recall).toBeGreaterThanOrEqual(0.95);
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
    expect(s.deadlines).toBeGreaterThanOrEqual(0.9);
    expect(s.leads).toBeGreaterThanOrEqual(0.9);
    expect(s.ms).toBeLessThan(100);
  });

  it('cites every target verbatim at its offsets', () => {
    for (const fixture of fixtures) {
      const result = extractPlan(fixture.text, { toSimplified });
      for (const t of [...result.targets, ...result.milestones]) {
        expect(fixture.text.slice(t.start, t.end)).toBe(t.sourceText);
      }
    }
  });
});
