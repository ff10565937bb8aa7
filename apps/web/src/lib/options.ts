import type { Comparator } from '@zhibiao/core';

/** One choice of a select: the value it sets and the text it shows. */
export interface Option<T extends string = string> {
  value: T;
  label: string;
}

/** A select's options from its values, each labelled by `label` (an i18n key's text, a name …), in order. */
export function labelled<T extends string>(
  values: readonly T[],
  label: (value: T) => string,
): Option<T>[] {
  return values.map((value) => ({ value, label: label(value) }));
}

/** The i18n key under `targetForm.comparators` of each comparator a target may have. */
export const COMPARATOR_KEYS: Record<Comparator, string> = {
  '>=': 'gte',
  '>': 'gt',
  '=': 'eq',
  '<=': 'lte',
  '<': 'lt',
  '~': 'about',
};
