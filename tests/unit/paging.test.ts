import { describe, expect, it } from "vitest";
import { PAGE_SIZE, pageNumbers, pageOf, slicePage } from "~/domain/paging";

describe("paging a list that grows", () => {
  it("shows 25 a page: 26 items make a second page holding the 26th", () => {
    const items = Array.from({ length: 26 }, (_, i) => i + 1);
    expect(PAGE_SIZE).toBe(25);
    expect(slicePage(items, null)).toMatchObject({ items: items.slice(0, 25), page: { page: 1, pages: 2, total: 26 } });
    expect(slicePage(items, "2")).toMatchObject({ items: [26], page: { page: 2, pages: 2 } });
    expect(pageOf(null, 25).pages).toBe(1);
  });

  it("keeps the page asked for within the pages there are; anything else is page 1", () => {
    expect(pageOf("9", 26).page).toBe(2);
    expect(pageOf("0", 26).page).toBe(1);
    expect(pageOf("-3", 26).page).toBe(1);
    expect(pageOf("2abc", 26).page).toBe(1);
    expect(pageOf("1e3", 26).page).toBe(1);
    expect(pageOf(null, 0)).toEqual({ page: 1, pages: 1, total: 0, offset: 0, limit: 25 });
    expect(pageOf("3", 100)).toMatchObject({ offset: 50, limit: 25 });
  });

  it("numbers pages as GOV.UK does: first, last, the current one and its neighbours, gaps between", () => {
    expect(pageNumbers(1, 1)).toEqual([1]);
    expect(pageNumbers(1, 3)).toEqual([1, 2, 3]);
    expect(pageNumbers(5, 10)).toEqual([1, "gap", 4, 5, 6, "gap", 10]);
    expect(pageNumbers(1, 10)).toEqual([1, 2, "gap", 10]);
    expect(pageNumbers(10, 10)).toEqual([1, "gap", 9, 10]);
    expect(pageNumbers(3, 10)).toEqual([1, 2, 3, 4, "gap", 10]);
  });
});
