/**
 * Dates of service are calendar dates `YYYY-MM-DD` with no time zone (GUIDE, Naming). Never a `Date`
 * at midnight UTC: compare them as strings, which sort correctly.
 */
export type CalendarDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `text` is a real calendar date in `YYYY-MM-DD` form (2026-02-30 is not). */
export function isCalendarDate(text: string): text is CalendarDate {
  const m = ISO.exec(text);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Converts `YYYYMMDD` (X12 D8, CMS files) to `YYYY-MM-DD`; undefined when it is not a real date. */
export function fromCompactDate(text: string): CalendarDate | undefined {
  if (!/^\d{8}$/.test(text)) return undefined;
  const iso = `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
  return isCalendarDate(iso) ? iso : undefined;
}

/** Converts `YYYY-MM-DD` to `YYYYMMDD`. */
export function toCompactDate(date: CalendarDate): string {
  return date.replaceAll('-', '');
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Adds days to a calendar date. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Today's calendar date in the local time zone of the machine. */
export function today(): CalendarDate {
  const now = new Date();
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Age in whole years on `on` for someone born on `birth`. */
export function ageOn(birth: CalendarDate, on: CalendarDate): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  let age = oy - by;
  if (om < bm || (om === bm && od < bd)) age -= 1;
  return age;
}
