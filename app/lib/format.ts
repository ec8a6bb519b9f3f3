import { RTL_LANGUAGES, type Language } from "~/domain/languages";
import { keptOrMade } from "./kept";

/** Locale tags for numbers and dates: British English, Urdu as written in Pakistan, Polish. */
const LOCALE_TAGS: Record<Language, string> = { en: "en-GB", ur: "ur-PK", pl: "pl-PL" };

/**
 * Building an Intl formatter costs far more than using one (about 0.1 ms against a microsecond), and a
 * list page formats a date on every row: each formatter is made once per language and kept.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let made = formatters.get(key) as T | undefined;
  if (!made) formatters.set(key, (made = make()));
  return made;
}

/**
 * In right-to-left text a left-to-right run (an amount, a number) is wrapped in Unicode isolates
 * (LRI … PDI), so "£300" never reads "300£" wherever the formatted text lands: in a sentence, a
 * table cell, an attribute.
 */
function isolated(text: string, lang: Language): string {
  return RTL_LANGUAGES.includes(lang) ? `\u2066${text}\u2069` : text;
}

/** How many written words each map keeps before it is emptied. */
const WRITTEN_KEPT = 10_000;

/** One map of written words a language. */
function perLanguage<K>(): Record<Language, Map<K, string>> {
  return { en: new Map(), ur: new Map(), pl: new Map() };
}

/** The words kept under `key`, or written now and kept (the map emptied first when full). */
function writtenOnce<K>(written: Map<K, string>, key: K, write: () => string): string {
  return keptOrMade(written, key, write, WRITTEN_KEPT);
}

/**
 * Money in pence as the reader writes it, the one money formatter: "£12,600" for whole pounds,
 * "£242.31" otherwise; "11 400 £" in Polish; isolated in Urdu.
 */
export function formatMoney(pence: number, lang: Language): string {
  return writtenOnce(writtenAmounts[lang], pence, () => {
    const digits = pence % 100 === 0 ? 0 : 2;
    const money = formatter(
      `money:${lang}:${digits}`,
      () =>
        new Intl.NumberFormat(LOCALE_TAGS[lang], {
          style: "currency",
          currency: "GBP",
          currencyDisplay: "narrowSymbol",
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        }),
    );
    return isolated(money.format(pence / 100), lang);
  });
}

/**
 * Amounts already written, a language: a money page writes some forty (the same budget, parts and
 * instalments on every view), each a few microseconds through Intl. Emptied when full.
 */
const writtenAmounts = perLanguage<number>();

/** A figure as the reader writes numbers, to one decimal place at most ("1,234.5"; "1 234,5" in Polish). */
export function formatFigure(value: number, lang: Language): string {
  return formatter(
    `figure:${lang}`,
    () => new Intl.NumberFormat(LOCALE_TAGS[lang], { maximumFractionDigits: 1 }),
  ).format(value);
}

/**
 * Dates in words already written, a language: list pages write the same dates again and again (a queue's
 * sent dates, review dates), and formatting one costs a few microseconds. Emptied when full.
 */
const writtenDates = perLanguage<string>();

/** A date in words. A calendar date ("2026-01-05") reads the same on every server; a moment reads in UK time. */
export function formatDate(isoDateOrMoment: string, lang: Language): string {
  return writtenOnce(writtenDates[lang], isoDateOrMoment, () => {
    const calendarDate = /^\d{4}-\d{2}-\d{2}$/.test(isoDateOrMoment);
    const timeZone = calendarDate ? "UTC" : "Europe/London";
    return formatter(
      `date:${lang}:${timeZone}`,
      () => new Intl.DateTimeFormat(LOCALE_TAGS[lang], { dateStyle: "long", timeZone }),
    ).format(new Date(calendarDate ? `${isoDateOrMoment}T00:00:00Z` : isoDateOrMoment));
  });
}

/**
 * Moments already written, a language, by their minute: a moment is written to the minute, and UK time is
 * a whole number of hours from UTC, so every moment in one minute reads the same. The who-has-looked
 * page and the data page write dozens a request (about 5 microseconds each), the same ones each time the
 * page is opened. Emptied when full.
 */
const writtenMoments = perLanguage<number>();

/** A moment with its time of day, in UK time ("5 March 2026 at 14:05"). */
export function formatDateTime(moment: string, lang: Language): string {
  const at = Date.parse(moment);
  return writtenOnce(writtenMoments[lang], Math.floor(at / 60_000), () =>
    formatter(
      `datetime:${lang}`,
      () =>
        new Intl.DateTimeFormat(LOCALE_TAGS[lang], {
          dateStyle: "long",
          timeStyle: "short",
          timeZone: "Europe/London",
        }),
    ).format(new Date(at)),
  );
}

/** A month ("2026-03") as its short name and year ("Mar 2026"), for a month-by-month table. */
export function formatMonth(isoMonth: string, lang: Language): string {
  // Kept with the dates written: a month ("2026-01") never has a date's shape.
  return writtenOnce(writtenDates[lang], isoMonth, () =>
    formatter(
      `month:${lang}`,
      () => new Intl.DateTimeFormat(LOCALE_TAGS[lang], { month: "short", year: "numeric", timeZone: "UTC" }),
    ).format(new Date(`${isoMonth}-01T00:00:00Z`)),
  );
}

let lastToday: { second: number; date: string } | undefined;
/** Today (or the day of `now`) as yyyy-mm-dd in UK time. */
export function todayInUk(now = new Date()): string {
  // Working out a time zone's date costs about 30 µs, and most pages ask: the answer is kept for its second.
  const second = Math.floor(now.getTime() / 1000);
  if (lastToday?.second !== second)
    lastToday = {
      second,
      date: formatter("today:uk", () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" })).format(now),
    };
  return lastToday.date;
}
