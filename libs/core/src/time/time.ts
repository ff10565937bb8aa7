/** The province's business time zone. China has observed UTC+8 without daylight saving since 1991. */
export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';
const BUSINESS_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar date `YYYY-MM-DD` in the business time zone. */
export type IsoDate = string;
/** A reporting period `YYYY-MM`. */
export type Period = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written `YYYY-MM-DD` (2020-02-30 is not). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function assertIsoDate(value: string): void {
  if (!isIsoDate(value)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${value}`);
}

/** The business date (Asia/Shanghai) on which `instant` falls. */
export function businessDateOf(instant: Date): IsoDate {
  return new Date(instant.getTime() + BUSINESS_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a business day starts (00:00 Asia/Shanghai). */
export function startOfBusinessDay(date: IsoDate): Date {
  assertIsoDate(date);
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - BUSINESS_OFFSET_MS);
}

/** The first instant after a business day: "known by the end of D" means recorded before this. */
export function endOfBusinessDay(date: IsoDate): Date {
  return new Date(startOfBusinessDay(date).getTime() + DAY_MS);
}

/** `date` moved by `days` calendar days. */
export function addDays(date: IsoDate, days: number): IsoDate {
  assertIsoDate(date);
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
}

/** The reporting period (`YYYY-MM`) a date falls in. */
export function periodOf(date: IsoDate): Period {
  assertIsoDate(date);
  return date.slice(0, 7);
}
