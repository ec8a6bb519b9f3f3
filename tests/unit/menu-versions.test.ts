import { describe, expect, it } from "vitest";
import { isAccredited, menuEntrySchema, type MenuEntry, type MenuFile, type Provider } from "~/domain/menu";
import { inboxOrder, mayAskAnother, QUESTIONS_PER_HOUR, replyRoute } from "~/domain/menu-questions";
import {
  changesSince,
  entryFromDraft,
  menuInForceFrom,
  newIdFrom,
  partsChanged,
  PROVIDER_PARTS,
  providersInForceFrom,
  translationsAwaitingReview,
  type EntryTexts,
  type MenuChange,
} from "~/domain/menu-versions";
import { menuEntryFormSchema, providerFormSchema } from "~/forms/menu";
import { errorsFromIssues } from "~/lib/forms";

const blank: EntryTexts = { title: "", description: "", why: "", examples: "", helpInstead: "", screening: "" };
const english: EntryTexts = {
  title: "Allotment rent",
  description: "Renting an allotment plot to grow food.",
  why: "Growing things helps many people stay well.",
  examples: "a council allotment\na community garden plot",
  helpInstead: "",
  screening: "",
};

const gym: MenuEntry = menuEntrySchema.parse({
  id: "gym",
  kind: "citizen-led",
  title: { en: "Gym", ur: "جم", pl: "Siłownia" },
  description: { en: "A gym.", ur: "جم۔", pl: "Siłownia." },
  examples: { en: ["a pass"], ur: ["پاس"], pl: ["karnet"] },
  why: { en: "Exercise helps.", ur: "ورزش مدد کرتی ہے۔", pl: "Ruch pomaga." },
});

const provider: Provider = {
  id: "p1",
  name: "P One",
  treatment: "cbt",
  accreditingBody: "Body",
  registrationNumber: "R1",
  pricePerSessionPence: 6500,
  area: "Town",
  accreditationExpires: "2026-12-01",
  example: false,
};

const change = (seq: number, c: Partial<MenuChange>): MenuChange => ({
  seq,
  version: `2026-1.${seq}`,
  entryId: "gym",
  change: "changed",
  why: "because",
  madeAt: "2026-12-02T09:00:00Z",
  ...c,
});

describe("a menu entry written in a form", () => {
  it("in English only: Urdu and Polish show the English and await review; the one entry schema accepts it", () => {
    const { candidate, awaitingReview } = entryFromDraft("allotment-rent", {
      kind: "citizen-led",
      en: english,
      ur: blank,
      pl: blank,
    });
    expect(awaitingReview).toEqual(["ur", "pl"]);
    const entry = menuEntrySchema.parse(candidate);
    expect(entry.title).toEqual({ en: "Allotment rent", ur: "Allotment rent", pl: "Allotment rent" });
    expect(entry.examples.en).toEqual(["a council allotment", "a community garden plot"]);
  });

  it("a change to the English flags a translation not changed with it, and not one that was", () => {
    const texts = (lang: "en" | "ur" | "pl"): EntryTexts => ({
      title: gym.title[lang],
      description: gym.description[lang],
      why: gym.why[lang],
      examples: gym.examples[lang].join("\n"),
      helpInstead: "",
      screening: "",
    });
    const previous = { entry: gym, awaitingReview: [] };
    const englishOnly = entryFromDraft(
      "gym",
      { kind: "citizen-led", en: { ...texts("en"), title: "Gym or pool" }, ur: texts("ur"), pl: texts("pl") },
      previous,
    );
    expect(englishOnly.awaitingReview).toEqual(["ur", "pl"]);
    const withPolish = entryFromDraft(
      "gym",
      {
        kind: "citizen-led",
        en: { ...texts("en"), title: "Gym or pool" },
        ur: texts("ur"),
        pl: { ...texts("pl"), title: "Siłownia lub basen" },
      },
      previous,
    );
    expect(withPolish.awaitingReview).toEqual(["ur"]);
    // Nothing touched: what awaited review still does, nothing else.
    const untouched = entryFromDraft(
      "gym",
      { kind: "citizen-led", en: texts("en"), ur: texts("ur"), pl: texts("pl") },
      { entry: gym, awaitingReview: ["pl"] },
    );
    expect(untouched.awaitingReview).toEqual(["pl"]);
  });

  it("the form names the box: an exclusion without what helps instead, a screening word with a hyphen", () => {
    const refused = menuEntryFormSchema.safeParse({
      kind: "absolute-exclusion",
      en: { ...english, screening: "e-cigarette" },
      reason: "New rule",
    });
    expect(refused.success).toBe(false);
    const errors = errorsFromIssues(refused.error!.issues);
    expect(errors["en.helpInstead"]).toBe("scheme:errors.entryHelpInstead");
    expect(errors["en.screening"]).toMatch(/^scheme:errors\.entryRule::.*words separated by single spaces/);
    const noTitle = menuEntryFormSchema.safeParse({ kind: "citizen-led", en: { ...english, title: " " }, reason: "x" });
    expect(errorsFromIssues(noTitle.error!.issues)).toMatchObject({ "en.title": "scheme:errors.entryTitle" });
    const treatment = menuEntryFormSchema.safeParse({ kind: "controlled-treatment", en: english, reason: "x" });
    expect(errorsFromIssues(treatment.error!.issues)).toMatchObject({ treatment: "scheme:errors.treatment" });
  });

  it("a provider's form keeps the price in exact pence and names a date that does not exist", () => {
    const ok = providerFormSchema.safeParse({
      name: "N",
      treatment: "cbt",
      accreditingBody: "B",
      registrationNumber: "R",
      price: "£1,234.56",
      area: "A",
      "accreditationExpires-day": "31",
      "accreditationExpires-month": "3",
      "accreditationExpires-year": "2028",
      reason: "r",
    });
    expect(ok.success && ok.data.price).toBe(123456);
    expect(ok.success && ok.data.accreditationExpires).toBe("2028-03-31");
    const bad = providerFormSchema.safeParse({
      name: "N",
      treatment: "cbt",
      accreditingBody: "B",
      registrationNumber: "R",
      price: "0",
      area: "A",
      "accreditationExpires-day": "31",
      "accreditationExpires-month": "2",
      "accreditationExpires-year": "2028",
      reason: "r",
    });
    expect(errorsFromIssues(bad.error!.issues)).toMatchObject({
      price: "scheme:errors.price",
      accreditationExpires: "scheme:errors.expiry",
    });
  });

  it("a new id from the English title: kebab-case, unique, never the add form's address", () => {
    expect(newIdFrom("Allotment rent!", new Set(), "entry")).toBe("allotment-rent");
    expect(newIdFrom("Allotment rent", new Set(["allotment-rent"]), "entry")).toBe("allotment-rent-2");
    expect(newIdFrom("شراب", new Set(), "entry")).toBe("entry");
    expect(newIdFrom("New", new Set(), "entry")).toBe("new-1");
  });
});

describe("menu versions", () => {
  const base = { version: "2026-1", entries: [gym] } as unknown as MenuFile;
  const allotment = menuEntrySchema.parse({ ...gym, id: "allotment" });
  const changedGym = menuEntrySchema.parse({ ...gym, title: { ...gym.title, en: "Gym or pool" } });
  const log = [
    change(1, { entryId: "allotment", change: "added", entry: allotment, awaitingReview: ["ur", "pl"] }),
    change(2, { entryId: "gym", change: "changed", entry: changedGym, awaitingReview: ["ur"], parts: ["title"] }),
    change(3, {
      entryId: "p1",
      change: "provider-changed",
      provider: { ...provider, accreditationExpires: "2020-01-01" },
    }),
    change(4, { entryId: "allotment", change: "retired" }),
  ];

  it("applies additions, changes and retirements in order; the public menu keeps retired entries", () => {
    const inForce = menuInForceFrom(base, log);
    expect(inForce.version).toBe("2026-1.4");
    expect(inForce.entries.map((e) => [e.id, e.title.en])).toEqual([["gym", "Gym or pool"]]);
    expect(menuInForceFrom(base, log, { keepRetired: true }).entries.map((e) => e.id)).toEqual(["gym", "allotment"]);
    expect(translationsAwaitingReview(log).get("gym")).toEqual(["ur"]);
    expect(providersInForceFrom({ providers: [provider] }, log).providers[0]!.accreditationExpires).toBe("2020-01-01");
  });

  it("tells an item what changed in its rule since the version it was checked against, its provider too", () => {
    expect(changesSince(log, "2026-1", "2026-1", "gym").map((c) => c.seq)).toEqual([2]);
    expect(changesSince(log, "2026-1", "2026-1.2", "gym")).toEqual([]);
    expect(changesSince(log, "2026-1", "2026-1.1", "cbt-entry", "p1").map((c) => c.change)).toEqual([
      "provider-changed",
    ]);
  });

  it("names the parts of a provider that changed", () => {
    expect(
      partsChanged(
        provider,
        { ...provider, pricePerSessionPence: 7000, accreditationExpires: "2027-01-01" },
        PROVIDER_PARTS,
      ),
    ).toEqual(["pricePerSessionPence", "accreditationExpires"]);
  });
});

describe("accreditation", () => {
  it("holds to the end of its last day, and not a day after", () => {
    expect(isAccredited(provider, "2026-11-30")).toBe(true);
    expect(isAccredited(provider, "2026-12-01")).toBe(true);
    expect(isAccredited(provider, "2026-12-02")).toBe(false);
  });
});

describe("questions about a rule", () => {
  it("throttles a sender after the hourly allowance", () => {
    expect(mayAskAnother(QUESTIONS_PER_HOUR - 1)).toBe(true);
    expect(mayAskAnother(QUESTIONS_PER_HOUR)).toBe(false);
  });

  it("the inbox shows the oldest unanswered first, then the answered", () => {
    const q = (id: string, askedAt: string, repliedAt: string | null) => ({ id, askedAt, repliedAt });
    const order = inboxOrder([
      q("answered-old", "2026-11-01", "2026-11-02"),
      q("waiting-new", "2026-12-01", null),
      q("waiting-old", "2026-11-15", null),
      q("answered-new", "2026-11-03", "2026-11-20"),
    ]).map((x) => x.id);
    expect(order).toEqual(["waiting-old", "waiting-new", "answered-new", "answered-old"]);
  });

  it("a reply reaches a signed-in asker on their notifications, an anonymous one by email if given", () => {
    expect(replyRoute({ userId: "u", replyEmail: null })).toBe("notification");
    expect(replyRoute({ userId: null, replyEmail: "a@example.org" })).toBe("email");
    expect(replyRoute({ userId: null, replyEmail: null })).toBe("none");
  });
});
