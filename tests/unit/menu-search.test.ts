import path from "node:path";
import { describe, expect, it } from "vitest";
import { readContentJson } from "~/content/read.server";
import { formatDate, formatMoney } from "~/lib/format";
import { CONTENT_PATHS, isMenuKind, menuFileSchema, searchMenu } from "~/domain/menu";

const menu = readContentJson(CONTENT_PATHS.menu, menuFileSchema, path.resolve(import.meta.dirname, "../../content"));
const ids = (entries: { id: string }[]) => entries.map((e) => e.id);

describe("searching the public menu", () => {
  it("an empty query and no kind give every entry, in the menu's order", () => {
    expect(ids(searchMenu(menu, "en", "")).length).toBe(menu.entries.length);
    expect(ids(searchMenu(menu, "en", "   "))).toEqual(ids(menu.entries));
  });

  it("finds words in the title, description and examples, whatever the case", () => {
    expect(ids(searchMenu(menu, "en", "GYM"))).toEqual(["gym-membership"]);
    expect(ids(searchMenu(menu, "en", "leisure centre"))).toEqual(["gym-membership"]);
    expect(ids(searchMenu(menu, "en", "bereavement"))).toEqual(["counselling"]);
  });

  it("matches the start of words, so a part of a word finds it but a word inside another does not", () => {
    expect(ids(searchMenu(menu, "en", "counsel"))).toContain("counselling");
    expect(ids(searchMenu(menu, "en", "ym"))).not.toContain("gym-membership");
  });

  it("needs every word of the query", () => {
    expect(ids(searchMenu(menu, "en", "gym alcohol"))).toEqual([]);
  });

  it("filters by kind, alone or with a query", () => {
    const exclusions = searchMenu(menu, "en", "", "absolute-exclusion");
    expect(exclusions.length).toBeGreaterThan(0);
    expect(exclusions.every((e) => e.kind === "absolute-exclusion")).toBe(true);
    expect(ids(searchMenu(menu, "en", "gym", "absolute-exclusion"))).toEqual([]);
    expect(ids(searchMenu(menu, "en", "gym", "citizen-led"))).toEqual(["gym-membership"]);
  });

  it("ignores Polish diacritics and tolerates a different last letter", () => {
    expect(ids(searchMenu(menu, "pl", "silownie"))).toContain("gym-membership");
    expect(ids(searchMenu(menu, "pl", "Siłownia"))).toContain("gym-membership");
  });

  it("ignores Urdu short vowels", () => {
    // The menu writes جِم with a zer; people usually type it without.
    expect(ids(searchMenu(menu, "ur", "جم"))).toContain("gym-membership");
  });

  it("falls back to English for a reader of another language, and not the other way round", () => {
    expect(ids(searchMenu(menu, "pl", "gym"))).toEqual(["gym-membership"]);
    expect(ids(searchMenu(menu, "en", "siłownia"))).toEqual([]);
  });

  it("finds nothing for text that is on no entry, or only punctuation matches all", () => {
    expect(searchMenu(menu, "en", "zzqxv")).toEqual([]);
    expect(searchMenu(menu, "en", "?!").length).toBe(menu.entries.length);
  });

  it("knows the four kinds and nothing else", () => {
    expect(isMenuKind("citizen-led")).toBe(true);
    expect(isMenuKind("everything")).toBe(false);
    expect(isMenuKind(undefined)).toBe(false);
  });
});

describe("money and dates for readers", () => {
  it("writes pence as pounds in each language", () => {
    expect(formatMoney(6500, "en")).toBe("£65");
    expect(formatMoney(6550, "en")).toBe("£65.50");
    expect(formatMoney(6550, "pl")).toMatch(/^65,50\s£$/);
  });

  it("writes the menu's date the same whatever the server's time zone", () => {
    expect(formatDate("2026-01-05", "en")).toBe("5 January 2026");
    expect(formatDate("2026-01-05", "pl")).toBe("5 stycznia 2026");
  });
});
