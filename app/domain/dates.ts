/**
 * Calendar dates as the portal stores them: `YYYY-MM-DD`, a day with no time and no time zone.
 * The one parser every form, rule and page uses, so "is this a real date?" has one answer.
 */
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The date a `YYYY-MM-DD` text names (midnight UTC), or undefined if it is not a real calendar date (31 February). */
export function parseCalendarDate(value: string | undefined | null): Date | undefined {
  if (!value || !CALENDAR_DATE.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && toIsoDate(date) === value ? date : undefined;
}

export function isCalendarDate(value: string | undefined | null): value is string {
  return parseCalendarDate(value) !== undefined;
}

/** A moment's calendar date in UTC, `YYYY-MM-DD`. */
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
