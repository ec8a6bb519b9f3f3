/** Pounds for people: "£12,600" for whole pounds, "£242.31" otherwise. */
export function formatMoney(pence: number, lang: string): string {
  const whole = pence % 100 === 0;
  return new Intl.NumberFormat(lang === "en" ? "en-GB" : lang, {
    style: "currency",
    currency: "GBP",
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(pence / 100);
}

export function formatDate(iso: string, lang: string): string {
  return new Date(iso).toLocaleDateString(lang === "en" ? "en-GB" : lang, { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
}
