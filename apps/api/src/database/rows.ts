// Parsing rows at the repository boundary: what leaves a repository is a domain type, its numbers
// numbers and its words checked against the words the schema allows, never a row cast unchecked.

/** `value` when it is one of `allowed`; a value the schema's checks should have refused throws. */
export function oneOf<const T extends string>(
  allowed: readonly T[],
  value: string,
  column: string,
): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`unexpected ${column} in the database: ${JSON.stringify(value)}`);
}

/** A numeric column (pg answers numerics as text) as a number, null as null. */
export function numberOrNull(value: string | number | null): number | null {
  return value === null ? null : Number(value);
}
