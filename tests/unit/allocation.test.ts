import { readFileSync } from "node:fs";
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { readContentJson } from "~/content/read.server";
import {
  allocateBudget,
  AllocationInputError,
  explanationParams,
  hundredthsToString,
  judgedBudget,
  weeklyPence,
  type Allocation,
  type AllocationInput,
} from "~/domain/allocation";
import { needAreasFileSchema, ruleSetSchema, type RuleSet } from "~/domain/rule-set";
import { INFORMAL_SUPPORT, NEED_AREA_KEYS, type InformalSupport, type NeedAreaKey } from "~/domain/choices";
import { prng } from "../../scripts/prng";

// The example rule set (content/rule-sets/example-2026-1.json): £300 a point, threshold 12, usual maximum £24,000.
//   key            weight  NHS%        key            weight  NHS%
//   mood              3     80         physical          2     50
//   experiences       3     90         daily-living      2     20
//   keeping-safe      3     80         relationships     1     30
//   others-safety     2     70         activity          1     20
//   substances        2     60         housing           1     10
//   thinking          2     70         caring            1     20
// Informal multipliers on the council part: none 100, a-little 95, a-lot 85, most 75.
// All figures in the comments below were worked out by hand from this table.
const example = readContentJson("rule-sets/example-2026-1.json", ruleSetSchema);
const bands = readContentJson("rule-sets/example-bands-2026-1.json", ruleSetSchema);

function ratings(given: Partial<Record<NeedAreaKey, number>>): Record<NeedAreaKey, number> {
  const all = {} as Record<NeedAreaKey, number>;
  for (const key of NEED_AREA_KEYS) all[key] = given[key] ?? 0;
  return all;
}
const allFours = ratings(Object.fromEntries(NEED_AREA_KEYS.map((k) => [k, 4])));

/** Pounds for reading: the result is in pence. */
function pounds(a: Allocation) {
  return {
    nhs: a.nhsPence / 100,
    council: a.councilPence / 100,
    total: a.totalPence / 100,
    weekly: a.weeklyPence / 100,
  };
}

// The 42-point case used throughout (and in the spec's "42 points × £300 = £12,600"):
//   mood 3×3=9 (NHS 9×0.8=7.2), experiences 2×3=6 (5.4), keeping-safe 2×3=6 (4.8),
//   substances 1×2=2 (1.2), thinking 2×2=4 (2.8), physical 2×2=4 (2.0), daily-living 3×2=6 (1.2),
//   relationships 2×1=2 (0.6), activity 2×1=2 (0.4), housing 1×1=1 (0.1)
//   points = 42; NHS points = 25.7; council points = 16.3
//   NHS = 25.7 × £300 = £7,710 (already a multiple of £10); council before informal = 16.3 × £300 = £4,890
const case42 = ratings({
  mood: 3,
  experiences: 2,
  "keeping-safe": 2,
  substances: 1,
  thinking: 2,
  physical: 2,
  "daily-living": 3,
  relationships: 2,
  activity: 2,
  housing: 1,
});

describe("allocateBudget, price per point (example-2026-1)", () => {
  it("below the threshold: no budget, all parts £0, no weekly line", () => {
    // mood 2×3=6 + experiences 1×3=3 + daily-living 1×2=2 = 11 points < 12
    const a = allocateBudget(example, {
      ratings: ratings({ mood: 2, experiences: 1, "daily-living": 1 }),
      informal: "none",
    });
    expect(a).toMatchObject({ ruleSetId: "example-2026-1", points: 11, eligible: false, flags: [] });
    expect(pounds(a)).toEqual({ nhs: 0, council: 0, total: 0, weekly: 0 });
    expect(a.explanation.map((l) => l.key)).toEqual([
      "line.needArea",
      "line.needArea",
      "line.needArea",
      "line.totalPoints",
      "line.belowThreshold",
    ]);
    expect(a.explanation[4]!.params).toEqual({ points: 11, threshold: 12 });
  });

  it("exactly at the threshold is eligible", () => {
    // mood 2×3=6 (NHS 4.8) + experiences 2×3=6 (NHS 5.4) = 12 points; NHS points 10.2, council 1.8
    // NHS 10.2×300 = £3,060; council 1.8×300 = £540 × 100% = £540; total £3,600; weekly 3600/52 = 69.2307… → £69.23
    const a = allocateBudget(example, { ratings: ratings({ mood: 2, experiences: 2 }), informal: "none" });
    expect(a.eligible).toBe(true);
    expect(a.nhsPoints).toBe("10.2");
    expect(a.councilPoints).toBe("1.8");
    expect(pounds(a)).toEqual({ nhs: 3060, council: 540, total: 3600, weekly: 69.23 });
  });

  // Council before informal support is £4,890 (see case42 above); NHS £7,710 in every row.
  it.each([
    // none:     4890 × 1.00 = 4890   → £4,890; total 12,600; 12600/52 = 242.307… → £242.31
    ["none", 4890, 12600, 242.31],
    // a-little: 4890 × 0.95 = 4645.5 → £4,650; total 12,360; 12360/52 = 237.692… → £237.69
    ["a-little", 4650, 12360, 237.69],
    // a-lot:    4890 × 0.85 = 4156.5 → £4,160; total 11,870; 11870/52 = 228.269… → £228.27
    ["a-lot", 4160, 11870, 228.27],
    // most:     4890 × 0.75 = 3667.5 → £3,670; total 11,380; 11380/52 = 218.846… → £218.85
    ["most", 3670, 11380, 218.85],
  ] as const)("informal support %s multiplies the council part only", (informal, council, total, weekly) => {
    const a = allocateBudget(example, { ratings: case42, informal });
    expect(a.points).toBe(42);
    expect(a.nhsPoints).toBe("25.7");
    expect(a.councilPoints).toBe("16.3");
    expect(pounds(a)).toEqual({ nhs: 7710, council, total, weekly });
    expect(a.flags).toEqual([]);
  });

  it("explains every step that applied, structured for translation", () => {
    const a = allocateBudget(example, { ratings: case42, informal: "a-lot" });
    expect(a.explanation).toEqual([
      { key: "line.needArea", params: { area: "mood", rating: 3, weight: 3, points: 9, count: 9 } },
      { key: "line.needArea", params: { area: "experiences", rating: 2, weight: 3, points: 6, count: 6 } },
      { key: "line.needArea", params: { area: "keeping-safe", rating: 2, weight: 3, points: 6, count: 6 } },
      { key: "line.needArea", params: { area: "substances", rating: 1, weight: 2, points: 2, count: 2 } },
      { key: "line.needArea", params: { area: "thinking", rating: 2, weight: 2, points: 4, count: 4 } },
      { key: "line.needArea", params: { area: "physical", rating: 2, weight: 2, points: 4, count: 4 } },
      { key: "line.needArea", params: { area: "daily-living", rating: 3, weight: 2, points: 6, count: 6 } },
      { key: "line.needArea", params: { area: "relationships", rating: 2, weight: 1, points: 2, count: 2 } },
      { key: "line.needArea", params: { area: "activity", rating: 2, weight: 1, points: 2, count: 2 } },
      { key: "line.needArea", params: { area: "housing", rating: 1, weight: 1, points: 1, count: 1 } },
      { key: "line.totalPoints", params: { points: 42, count: 42 } },
      // 42 × £300 = £12,600
      { key: "line.price", params: { points: 42, count: 42, pricePence: 30000, amountPence: 1_260_000 } },
      {
        key: "line.nhsPart",
        params: { nhsPoints: 25.7, count: 25.7, pricePence: 30000, exactPence: 771_000, nhsPence: 771_000 },
      },
      { key: "line.councilPart", params: { councilPoints: 16.3, count: 16.3, pricePence: 30000, exactPence: 489_000 } },
      { key: "line.informal.a-lot", params: { percent: 85, councilPence: 416_000 } },
      { key: "line.total", params: { nhsPence: 771_000, councilPence: 416_000, totalPence: 1_187_000 } },
      { key: "line.weekly", params: { totalPence: 1_187_000, weeklyPence: 22_827 } },
    ]);
  });

  it("rounds exact halves of £10 upwards, on the NHS part and on the council part", () => {
    // With the example's shares (all multiples of 10%) and £300 a point the NHS part is always a
    // multiple of £30, so a half needs another price: £250 a point.
    // mood 1×3=3 (NHS 2.4) + experiences 3×3=9 (NHS 8.1) = 12 points; NHS points 10.5, council 1.5
    // NHS: 10.5 × 250 = £2,625, an exact half → £2,630 (not £2,620)
    // council: 1.5 × 250 = £375 × 100% = £375, an exact half → £380 (not £370)
    // total £3,010; weekly 3010/52 = 57.884… → £57.88
    const at250: RuleSet = { ...example, id: "test-250", pricePerPointPounds: 250 };
    const a = allocateBudget(at250, { ratings: ratings({ mood: 1, experiences: 3 }), informal: "none" });
    expect(a.nhsPoints).toBe("10.5");
    expect(pounds(a)).toEqual({ nhs: 2630, council: 380, total: 3010, weekly: 57.88 });
    expect(a.explanation.find((l) => l.key === "line.nhsPartRounded")?.params).toMatchObject({
      exactPence: 262_500,
      nhsPence: 263_000,
    });
  });

  it("rounds an exact half on the council part after the informal multiplier", () => {
    // experiences 4×3=12 (NHS 10.8) + daily-living 2×2=4 (NHS 0.8) + mood 1×3=3 (NHS 2.4) = 19 points
    // NHS points 14.0 → £4,200; council points 5.0 → £1,500 × 85% = £1,275, an exact half → £1,280
    // total £5,480; weekly 5480/52 = 105.384… → £105.38
    const a = allocateBudget(example, {
      ratings: ratings({ experiences: 4, "daily-living": 2, mood: 1 }),
      informal: "a-lot",
    });
    expect(a.points).toBe(19);
    expect(a.councilPoints).toBe("5");
    expect(pounds(a)).toEqual({ nhs: 4200, council: 1280, total: 5480, weekly: 105.38 });
  });

  it("above the usual maximum: shares the maximum in the step-4 proportions (step 6) and flags it", () => {
    // every need area rated 4: points = 4 × (sum of weights 23) = 92
    // NHS points = 4 × Σ weight×share% = 4 × 13.70 = 54.8 → NHS 54.8 × 300 = £16,440
    // council points = 37.2 → £11,160 × 100% = £11,160; total £27,600 > £24,000
    // step 6: NHS = round10(24,000 × 16,440 / 27,600) = round10(14,295.65…) = £14,300
    //         council = 24,000 − 14,300 = £9,700; total £24,000; weekly 24000/52 = 461.538… → £461.54
    const a = allocateBudget(example, { ratings: allFours, informal: "none" });
    expect(a.points).toBe(92);
    expect(a.nhsPoints).toBe("54.8");
    expect(pounds(a)).toEqual({ nhs: 14300, council: 9700, total: 24000, weekly: 461.54 });
    expect(a.flags).toEqual(["above-usual-maximum", "talk-it-through-first"]);
    expect(a.explanation.find((l) => l.key === "line.total")?.params).toEqual({
      nhsPence: 1_644_000,
      councilPence: 1_116_000,
      totalPence: 2_760_000,
    });
    expect(a.explanation.find((l) => l.key === "line.aboveMaximum")?.params).toEqual({
      beforePence: 2_760_000,
      maximumPence: 2_400_000,
      nhsPence: 1_430_000,
      councilPence: 970_000,
    });
  });

  it("above the usual maximum with informal support 'most'", () => {
    // council £11,160 × 75% = £8,370; total 16,440 + 8,370 = £24,810 > £24,000
    // NHS = round10(24,000 × 16,440 / 24,810) = round10(15,903.26…) = £15,900; council = £8,100
    const a = allocateBudget(example, { ratings: allFours, informal: "most" });
    expect(pounds(a)).toMatchObject({ nhs: 15900, council: 8100, total: 24000 });
  });

  it("talk it through first: a 4 on keeping other people safe, even with no budget", () => {
    // others-safety 4×2 = 8 points < 12: not eligible, but the flag still stands
    const a = allocateBudget(example, { ratings: ratings({ "others-safety": 4 }), informal: "none" });
    expect(a.eligible).toBe(false);
    expect(a.totalPence).toBe(0);
    expect(a.flags).toEqual(["talk-it-through-first"]);
    expect(a.explanation.at(-1)).toEqual({ key: "line.talkFirst", params: { area: "others-safety" } });
  });

  it("talk it through first: a 4 on keeping myself safe, even with no budget", () => {
    // keeping-safe 4×3 = 12 points, under a threshold of 20: not eligible, flag still stands
    const higher: RuleSet = { ...example, id: "test-threshold-20", threshold: 20 };
    const a = allocateBudget(higher, { ratings: ratings({ "keeping-safe": 4 }), informal: "none" });
    expect(a).toMatchObject({ points: 12, eligible: false, totalPence: 0, flags: ["talk-it-through-first"] });
  });

  it("talk it through first: a 4 on keeping myself safe with a budget; the amount is still shown", () => {
    // 12 points; NHS 9.6 × 300 = £2,880; council 2.4 × 300 = £720; total £3,600
    const a = allocateBudget(example, { ratings: ratings({ "keeping-safe": 4 }), informal: "none" });
    expect(pounds(a)).toMatchObject({ nhs: 2880, council: 720, total: 3600 });
    expect(a.flags).toEqual(["talk-it-through-first"]);
  });

  it("a 3 on keeping safe does not ask to talk first", () => {
    const a = allocateBudget(example, {
      ratings: ratings({ "keeping-safe": 3, "others-safety": 3 }),
      informal: "none",
    });
    expect(a.flags).toEqual([]);
  });
});

describe("allocateBudget, bands (example-bands-2026-1)", () => {
  // Bands: 0–11 £0, 12–20 £2,000, 21–30 £4,500, 31–40 £7,500, 41–50 £10,500, 51–60 £13,500,
  // 61–70 £16,500, 71–80 £20,000; above 80 takes £20,000.
  it("a band of £0 means no budget", () => {
    // 11 points (see the threshold case above) falls in 0–11, £0
    const a = allocateBudget(bands, {
      ratings: ratings({ mood: 2, experiences: 1, "daily-living": 1 }),
      informal: "none",
    });
    expect(a).toMatchObject({ points: 11, eligible: false, totalPence: 0, flags: [] });
    expect(a.explanation.at(-1)).toEqual({
      key: "line.bandNoBudget",
      params: { points: 11, from: 0, to: 11, amountPence: 0 },
    });
  });

  it("below the first band means no budget", () => {
    const from12: RuleSet = {
      ...bands,
      id: "test-from-12",
      bands: [
        { from: 12, to: 30, amountPounds: 3000 },
        { from: 31, to: 60, amountPounds: 9000 },
      ],
    };
    const a = allocateBudget(from12, {
      ratings: ratings({ mood: 2, experiences: 1, "daily-living": 1 }),
      informal: "none",
    });
    expect(a).toMatchObject({ points: 11, eligible: false, totalPence: 0 });
    expect(a.explanation.at(-1)).toEqual({ key: "line.belowFirstBand", params: { points: 11, from: 12 } });
  });

  it("in a band: NHS takes its share of the band amount, the council the rest × informal", () => {
    // 42 points → band 41–50, £10,500; NHS points 25.7 of 42
    // NHS = round10(10,500 × 25.7 / 42) = round10(6,425) → exact half → £6,430
    // council = round10((10,500 − 6,425) × 85%) = round10(3,463.75) = £3,460
    // total £9,890; weekly 9890/52 = 190.192… → £190.19
    const a = allocateBudget(bands, { ratings: case42, informal: "a-lot" });
    expect(pounds(a)).toEqual({ nhs: 6430, council: 3460, total: 9890, weekly: 190.19 });
    expect(a.explanation.map((l) => l.key).slice(-7)).toEqual([
      "line.totalPoints",
      "line.band",
      "line.bandNhsPart",
      "line.bandCouncilPart",
      "line.informal.a-lot",
      "line.total",
      "line.weekly",
    ]);
  });

  it("each part is rounded on its own, so two exact halves make the total £10 over the band", () => {
    // As above with no informal support: NHS 6,425 → £6,430; council 10,500 − 6,425 = 4,075 → £4,080
    // total £10,510: the spec rounds each part once, halves upwards.
    const a = allocateBudget(bands, { ratings: case42, informal: "none" });
    expect(pounds(a)).toMatchObject({ nhs: 6430, council: 4080, total: 10510 });
  });

  it("above the last band takes the last band's amount", () => {
    // 92 points > 80 → £20,000; NHS points 54.8 of 92
    // NHS = round10(20,000 × 54.8 / 92) = round10(11,913.04…) = £11,910
    // council = round10(20,000 − 11,913.04…) = round10(8,086.95…) = £8,090; total £20,000
    // weekly 20000/52 = 384.615… → £384.62
    const a = allocateBudget(bands, { ratings: allFours, informal: "none" });
    expect(pounds(a)).toEqual({ nhs: 11910, council: 8090, total: 20000, weekly: 384.62 });
    expect(a.explanation.find((l) => l.key === "line.aboveLastBand")?.params).toEqual({
      points: 92,
      to: 80,
      amountPence: 2_000_000,
    });
    expect(a.flags).toEqual(["talk-it-through-first"]);
  });

  it("a band above the usual maximum is capped as in step 6", () => {
    // one band 12–100 of £30,000; 92 points: NHS = round10(30,000 × 54.8 / 92) = round10(17,869.56…) = £17,870
    // council = round10(30,000 − 17,869.56…) = round10(12,130.43…) = £12,130; total £30,000 > £24,000
    // NHS = round10(24,000 × 17,870 / 30,000) = round10(14,296) = £14,300; council £9,700
    const big: RuleSet = {
      ...bands,
      id: "test-big-band",
      bands: [
        { from: 0, to: 11, amountPounds: 0 },
        { from: 12, to: 100, amountPounds: 30000 },
      ],
    };
    const a = allocateBudget(big, { ratings: allFours, informal: "none" });
    expect(pounds(a)).toMatchObject({ nhs: 14300, council: 9700, total: 24000 });
    expect(a.flags).toContain("above-usual-maximum");
  });
});

describe("weekly amount and exact points", () => {
  it("divides by 52 to the penny, halves upwards", () => {
    // A half penny needs totalPence ≡ 26 (mod 52). Totals are whole pounds (100 × £), and 100 × £ − 26
    // is 2 more than a multiple of 4 while 52 is a multiple of 4, so a real total never meets one:
    // the helper is checked directly.
    expect(weeklyPence(26)).toBe(1); // 0.5p → 1p
    expect(weeklyPence(25)).toBe(0); // 0.48p → 0p
    expect(weeklyPence(78)).toBe(2); // 1.5p → 2p
    expect(weeklyPence(1_200_000)).toBe(23_077); // £12,000 / 52 = £230.769… → £230.77
  });

  it("writes hundredths of a point exactly", () => {
    expect(hundredthsToString(2570)).toBe("25.7");
    expect(hundredthsToString(1365)).toBe("13.65");
    expect(hundredthsToString(1205)).toBe("12.05");
    expect(hundredthsToString(1200)).toBe("12");
    expect(hundredthsToString(0)).toBe("0");
  });
});

describe("bad input", () => {
  it("refuses a missing need area, a rating outside 0–4, a stranger key and an unknown informal answer", () => {
    const { caring: _dropped, ...missing } = ratings({});
    const bad = [
      { ratings: missing, informal: "none" },
      { ratings: { ...ratings({}), mood: 5 }, informal: "none" },
      { ratings: { ...ratings({}), mood: 2.5 }, informal: "none" },
      { ratings: { ...ratings({}), mood: -1 }, informal: "none" },
      { ratings: { ...ratings({}), sleep: 2 }, informal: "none" },
      { ratings: ratings({}), informal: "loads" },
    ] as unknown as AllocationInput[];
    for (const input of bad) expect(() => allocateBudget(example, input)).toThrow(AllocationInputError);
    try {
      allocateBudget(example, bad[0]!);
    } catch (error) {
      expect((error as AllocationInputError).problems).toEqual(["caring: no rating"]);
    }
  });
});

// ------------------------------------------------------------------------------------------------
// Properties over thousands of seeded random assessments.

function randomInputs(count: number, seed: number): AllocationInput[] {
  const random = prng(seed);
  return Array.from({ length: count }, () => {
    const r = {} as Record<NeedAreaKey, number>;
    // Skewed towards low ratings as well as uniform, so both sides of the threshold are well covered.
    const top = 1 + Math.floor(random() * 5);
    for (const key of NEED_AREA_KEYS) r[key] = Math.min(4, Math.floor(random() * top));
    return { ratings: r, informal: INFORMAL_SUPPORT[Math.floor(random() * 4)] as InformalSupport };
  });
}

// Other price-per-point rule sets, to test the properties beyond the example's round numbers.
const variants: RuleSet[] = [
  example,
  { ...example, id: "test-price-257", pricePerPointPounds: 257, threshold: 7, usualMaximumPounds: 18_990 },
  {
    ...example,
    id: "test-odd-shares",
    nhsShares: Object.fromEntries(NEED_AREA_KEYS.map((k, i) => [k, (i * 37) % 101])),
    informalMultipliers: { none: 100, "a-little": 93, "a-lot": 81, most: 67 },
  },
];

describe("properties", () => {
  const inputs = randomInputs(3000, 20260101);

  it("raising any single rating never lowers the total (price per point)", () => {
    for (const ruleSet of variants) {
      for (const input of inputs) {
        const before = allocateBudget(ruleSet, input).totalPence;
        for (const key of NEED_AREA_KEYS) {
          if (input.ratings[key] === 4) continue;
          const raised = { ...input, ratings: { ...input.ratings, [key]: input.ratings[key] + 1 } };
          const after = allocateBudget(ruleSet, raised).totalPence;
          if (after < before) expect({ ruleSet: ruleSet.id, input, key, before, after }).toBeUndefined();
        }
      }
    }
  });

  it("NHS + council = total, total never exceeds the maximum, and nothing is negative (both forms)", () => {
    const failures: unknown[] = [];
    for (const ruleSet of [...variants, bands]) {
      for (const input of inputs) {
        const a = allocateBudget(ruleSet, input);
        const fine =
          a.nhsPence + a.councilPence === a.totalPence &&
          a.totalPence <= ruleSet.usualMaximumPounds * 100 &&
          a.nhsPence >= 0 &&
          a.councilPence >= 0 &&
          (a.eligible || a.totalPence === 0) &&
          a.flags.includes("above-usual-maximum") === a.explanation.some((l) => l.key === "line.aboveMaximum");
        if (!fine) failures.push({ ruleSet: ruleSet.id, input, a });
      }
    }
    expect(failures).toEqual([]);
  });

  it("same inputs and same rule set give identical output, even from a fresh copy of the rule set", () => {
    const copy = structuredClone(example);
    for (const input of inputs.slice(0, 500)) {
      const first = allocateBudget(example, input);
      expect(allocateBudget(example, structuredClone(input))).toEqual(first);
      expect(allocateBudget(copy, input)).toEqual(first);
    }
  });
});

// ------------------------------------------------------------------------------------------------
// Every explanation line the domain can produce renders in every language.

describe("explanation lines and the allocation locale files", () => {
  const locales = Object.fromEntries(
    (["en", "ur", "pl"] as const).map((lang) => [
      lang,
      JSON.parse(readFileSync(`content/locales/${lang}/allocation.json`, "utf8")) as Record<string, unknown>,
    ]),
  );
  const needAreas = readContentJson("need-areas.json", needAreasFileSchema);

  function flatten(value: unknown, prefix = ""): string[] {
    if (typeof value === "string") return [prefix];
    return Object.entries(value as Record<string, unknown>)
      .filter(([k]) => !k.startsWith("_")) // notes for translators
      .flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  }

  it("ur and pl have every English key (pl adds its own plural forms)", () => {
    const english = flatten(locales.en);
    for (const lang of ["ur", "pl"]) {
      const keys = new Set(flatten(locales[lang]));
      expect(english.filter((k) => !keys.has(k))).toEqual([]);
    }
  });

  it("renders every line of many allocations, in every language, with no missing key or placeholder", async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      resources: Object.fromEntries(Object.entries(locales).map(([lang, res]) => [lang, { allocation: res }])),
      lng: "en",
      fallbackLng: false,
      ns: ["allocation"],
      defaultNS: "allocation",
      interpolation: { escapeValue: false },
      showSupportNotice: false,
    } as Parameters<typeof i18n.init>[0]);
    const money = (pence: number) => `£${(pence / 100).toFixed(2)}`;
    const seen = new Set<string>();
    const sample = [...randomInputs(100, 7), { ratings: allFours, informal: "a-little" as const }];
    const results = [...variants, bands].flatMap((r) => sample.map((input) => allocateBudget(r, input)));
    for (const lang of ["en", "ur", "pl"] as const) {
      const t = i18n.getFixedT(lang);
      const area = (key: NeedAreaKey) => needAreas.needAreas.find((a) => a.key === key)!.title[lang];
      for (const result of results) {
        for (const line of result.explanation) {
          seen.add(line.key);
          const text = t(line.key, explanationParams(line, { money, area }));
          if (text === line.key || text.includes("{{") || text.includes("undefined"))
            expect({ lang, key: line.key, text }).toBeUndefined();
        }
        for (const flag of result.flags) {
          expect(i18n.exists(`flag.${flag}.title`, { lng: lang })).toBe(true);
          expect(i18n.exists(`flag.${flag}.body`, { lng: lang })).toBe(true);
        }
      }
    }
    // The sample reaches every kind of line except belowFirstBand (tested above with its own bands).
    expect([...seen].sort()).toEqual(
      [
        "line.needArea",
        "line.totalPoints",
        "line.belowThreshold",
        "line.price",
        "line.nhsPart",
        "line.nhsPartRounded",
        "line.councilPart",
        "line.informal.none",
        "line.informal.a-little",
        "line.informal.a-lot",
        "line.informal.most",
        "line.band",
        "line.bandNoBudget",
        "line.aboveLastBand",
        "line.bandNhsPart",
        "line.bandCouncilPart",
        "line.total",
        "line.aboveMaximum",
        "line.weekly",
        "line.talkFirst",
      ].sort(),
    );
    expect(i18n.getFixedT("pl")("line.needArea", { area: "X", rating: 1, weight: 2, points: 2, count: 2 })).toBe(
      "X: ocena 1 × waga 2 = 2 punkty",
    );
    const priceLine = allocateBudget(example, { ratings: case42, informal: "none" }).explanation[11]!;
    const params = explanationParams(priceLine, {
      money: (p) => `£${(p / 100).toLocaleString("en-GB")}`,
      area: String,
    });
    expect(i18n.getFixedT("en")(priceLine.key, params)).toBe("42 points × £300 = £12,600");
  });
});

describe("the budget a plan is judged against", () => {
  it("is the agreed calculation when there is one, else the person's own", () => {
    expect(judgedBudget({ self: "own" })).toBe("own");
    expect(judgedBudget({ self: "own", agreed: "agreed" })).toBe("agreed");
    expect(judgedBudget({})).toBeUndefined();
  });
});
