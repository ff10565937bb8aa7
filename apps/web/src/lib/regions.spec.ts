import { describe, expect, it } from 'vitest';
import type { Region } from '@zhibiao/contracts';
import { describeRegionCodes, sortRegionCodes } from './regions.js';

const region = (code: string, level: Region['level']) =>
  ({ code, name: code, nameEn: null, level, parent: null }) as unknown as Region;
const regions = [region('370000', 'province'), region('370100', 'city'), region('370200', 'city')];

describe(sortRegionCodes.name, () => {
  it('puts the province first, then the cities as the list orders them, unknown codes last', () => {
    expect(sortRegionCodes(['999999', '370200', '370000', '370100'], regions)).toEqual([
      '370000',
      '370100',
      '370200',
      '999999',
    ]);
  });
});

describe(describeRegionCodes.name, () => {
  it('says every city, with or without the province, in one phrase', () => {
    expect(describeRegionCodes(['370200', '370100', '370000'], regions)).toEqual({
      kind: 'provinceAndCities',
      n: 2,
    });
    expect(describeRegionCodes(['370200', '370100'], regions)).toEqual({ kind: 'allCities', n: 2 });
  });

  it('lists any other set in reading order', () => {
    expect(describeRegionCodes(['370200', '370000'], regions)).toEqual({
      kind: 'list',
      codes: ['370000', '370200'],
    });
  });
});
