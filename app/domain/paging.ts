/** Every list that grows with people shows this many entries a page. */
export const PAGE_SIZE = 25;

export interface Page {
  /** 1-based, always within 1..pages. */
  page: number;
  pages: number;
  total: number;
  offset: number;
  limit: number;
}

/**
 * Which page of a list to show: the page asked for (a query parameter, so it works without JavaScript),
 * kept within the pages there are. Anything that is not a whole number reads as the first page.
 */
export function pageOf(asked: string | null | undefined, total: number, size = PAGE_SIZE): Page {
  const pages = Math.max(1, Math.ceil(total / size));
  const n = asked && /^\d{1,6}$/.test(asked) ? Number(asked) : 1;
  const page = Math.min(Math.max(1, n), pages);
  return { page, pages, total, offset: (page - 1) * size, limit: size };
}

/** One page of a list already in memory. */
export function slicePage<T>(items: readonly T[], asked: string | null | undefined): { items: T[]; page: Page } {
  const page = pageOf(asked, items.length);
  return { items: items.slice(page.offset, page.offset + page.limit), page };
}

/**
 * The page numbers a pagination shows (GOV.UK pattern): the first, the last, the current one and its
 * neighbours; a gap ("…") where numbers are left out.
 */
export function pageNumbers(current: number, pages: number): (number | "gap")[] {
  const shown = [...new Set([1, current - 1, current, current + 1, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const out: (number | "gap")[] = [];
  for (const n of shown) {
    const last = out.at(-1);
    if (typeof last === "number" && n - last > 1) out.push("gap");
    out.push(n);
  }
  return out;
}
