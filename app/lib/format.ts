import { RTL_LANGUAGES, type Language } from "~/domain/languages";

/** Locale tags for numbers and dates: British English, Urdu as written in Pakistan, Polish. */
const LOCALE_TAGS: Record<Language, string> = { en: "en-GB", ur: "ur-PK", pl: "pl-PL" };

/**
 * In right-to-left text a left-to-right run (an amount, a number) is wrapped in Unicode isolates
 * (LRI … PDI), so "£300" never reads "300£" wherever the formatted text lands: in a sentence, a
 * table cell, an attribute.
 */
function isolated(text: string, lang: Language): string {
  return RTL_LANGUAGES.includes(lang) ? `\u2066${text}\u2069` : text;
}

/**
 * Money in pence as the reader writes it, the one money formatter: "£12,600" for whole pounds,
 * "£242.31" otherwise; "11 400 £" in Polish; isolated in Urdu.
 */
export function formatMoney(pence: number, lang: Language): string {
  return isolated(moneyFormat(pence % 100 === 0 ? 0 : 2, lang).format(pence / 100), lang);
}

function moneyFormat(digits: number, lang: Language): Intl.NumberFormat {
  return new Intl.NumberFormat(LOCALE_TAGS[lang], {
    style: "currency",
    currency: "GBP",
    currencyDisplay: "narrowSymbol",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** A date in words. A calendar date ("2026-01-05") reads the same on every server; a moment reads in UK time. */
export function formatDate(isoDateOrMoment: string, lang: Language): string {
  const calendarDate = /^\d{4}-\d{2}-\d{2}$/.test(isoDateOrMoment);
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang], {
    dateStyle: "long",
    timeZone: calendarDate ? "UTC" : "Europe/London",
  }).format(new Date(calendarDate ? `${isoDateOrMoment}T00:00:00Z` : isoDateOrMoment));
}

/** A moment with its time of day, in UK time ("5 March 2026 at 14:05"). */
export function formatDateTime(moment: string, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang], {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Europe/London",
  }).format(new Date(moment));
}
