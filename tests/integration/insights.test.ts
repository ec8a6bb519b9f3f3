import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/lib/password.server";
import { totpCode } from "~/lib/totp.server";
import { addPeople, addTeam, type GeneratedPerson, type GeneratedStage } from "../../scripts/insights-people";
import { DEMO, signIn } from "../support/accounts";
import { openTestDatabase, type TestDatabase } from "../support/database";
import { Browserish } from "../support/http";

/**
 * What the scheme learns, on generated people with known answers. Every expected figure here is
 * counted by this test from the people it made (its own medians, its own suppression rules), never
 * by the portal's code. The period is the first half of 2025, when no other test does anything.
 */

const PERIOD = "from=2025-01-01&to=2025-06-30";
const AS_OF = Date.parse("2025-07-01T00:00:00.000Z");
const PASSWORD = "generated team admin phrase 2025";
const day = (n: number) => new Date(Date.parse("2025-01-01T00:00:00.000Z") + n * 86_400_000).toISOString();

// ---- the people: team A (40 in the period, 5 outside it) and team B (4 people)

const STAGE_COUNTS_A: [GeneratedStage, number][] = [
  ["identifying-need", 6],
  ["mapping-resources", 5],
  ["designing-plan", 7],
  ["agreeing-support", 5],
  ["organising-support", 8],
  ["using-support", 6],
  ["reflecting", 3],
];

function teamA(): GeneratedPerson[] {
  const people: GeneratedPerson[] = [];
  let n = 0;
  for (const [stage, count] of STAGE_COUNTS_A)
    for (let i = 0; i < count; i++, n++) {
      const p: GeneratedPerson = { stage, startedAt: day(10 + (n % 20)), lastStepAt: day(150 + ((n * 7) % 30)) };
      // Budgets: the first 12 under the price-per-point rules, the next 9 under the bands, 6 below the threshold.
      // The 13 from n = 27 on (with plans signed off, in the period or before it) under the bands too,
      // for the learning loop: points 10 to 14 for the first bands people, 20 to 26 for the later ones.
      p.budget = {
        ruleSetId: n < 12 ? "example-2026-1" : "example-bands-2026-1",
        eligible: n < 21 || n >= 27,
        nhsPence: 100_000 + n * 5_000,
        councilPence: 50_000 + n * 3_000,
        at: day(40 + n),
        selfFirst: n % 4 === 0,
        points: n < 12 ? n : n < 27 ? 10 + (n % 5) : 20 + (n % 7),
      };
      if (n >= 21 && n < 25) p.freeSupport = true;
      // Small grants: five of those below the threshold granted, one declined; two waiting for an answer.
      if (n >= 21 && n < 27)
        p.grants = [
          n < 26
            ? {
                at: day(90 + n),
                state: "granted",
                askedPence: 20_000 + n * 100,
                grantedPence: 10_000 + n * 100,
                // Three spend from their grant in the period, one only after it.
                spent:
                  n < 24
                    ? [{ on: day(95 + n).slice(0, 10), pence: 5_000 + n }]
                    : n === 24
                      ? [{ on: "2025-07-03", pence: 7 }]
                      : [],
              }
            : { at: day(90 + n), state: "declined", askedPence: 50_000 },
        ];
      if (n < 2) p.grants = [{ at: day(100 + n), state: "asked", askedPence: 15_000 }];
      // Treatment vouchers: six taken up, the first session n days after issue; five with no session yet.
      if (n >= 2 && n < 13)
        p.vouchers = [{ issuedAt: day(50 + n), ...(n < 8 ? { firstSessionOn: day(50 + 2 * n).slice(0, 10) } : {}) }];
      if (stage === "organising-support")
        p.signedOff = {
          submittedAt: day(60 + i),
          at: day(60 + i + 2 * i + 1),
          items: [
            { kind: "citizen-led", unitCostPence: 3000 + i * 100, unitsPerYear: 52 },
            ...(i < 5 ? [{ kind: "controlled-treatment", unitCostPence: 6500, unitsPerYear: 12 }] : []),
            ...(i < 3 ? [{ kind: "co-designed", unitCostPence: 1000, unitsPerYear: 10 }] : []),
          ],
        };
      // Money spent after sign-off: citizen-led for some, treatments for others, the contingency twice,
      // one payment corrected in the period and one from before the period.
      if (stage === "organising-support" && i < 5)
        p.spending = [
          { on: day(110 + i).slice(0, 10), pence: 6_500, menuKind: "controlled-treatment", sector: "statutory" },
          ...(i < 2
            ? [{ on: day(112 + i).slice(0, 10), pence: 2_000, menuKind: "contingency", sector: "community" as const }]
            : []),
        ];
      if (stage === "using-support")
        p.spending = [
          { on: day(100 + i).slice(0, 10), pence: 10_000 + i * 1_000, menuKind: "citizen-led", sector: "community" },
          ...(i === 0
            ? [
                {
                  on: day(105).slice(0, 10),
                  pence: 5_000,
                  menuKind: "citizen-led",
                  sector: "community" as const,
                  reversedOn: day(106).slice(0, 10),
                },
              ]
            : []),
          ...(i === 1 ? [{ on: "2024-12-20", pence: 4_321, menuKind: null, sector: "community" as const }] : []),
          ...(i === 2 ? [{ on: day(130).slice(0, 10), pence: 900, menuKind: null, sector: "statutory" as const }] : []),
        ];
      // Signed off before the period: counts as a stage, never as spend in the period.
      if (stage === "using-support")
        p.signedOff = {
          submittedAt: "2024-11-01T00:00:00.000Z",
          at: "2024-11-05T00:00:00.000Z",
          items: [{ kind: "citizen-led", unitCostPence: 99_999, unitsPerYear: 1 }],
        };
      if (stage === "agreeing-support")
        p.decisions = [{ decision: "changes-requested", submittedAt: day(70), decidedAt: day(70 + i * 3) }];
      if (stage === "reflecting") {
        p.decisions = [{ decision: "referred-to-panel", submittedAt: day(80), decidedAt: day(95 + i) }];
        p.reconsiderations = [day(100 + i)];
      }
      if (stage === "designing-plan" && i < 2) p.reconsiderations = [day(101 + i)];
      if (stage === "using-support" || (stage === "reflecting" && i === 0))
        p.review = {
          at: day(120 + i),
          outcomes: [
            { lifeAreaId: "home", atStart: 3, atReview: 3 + (i % 4) - 2 },
            { lifeAreaId: "home", atStart: 5, atReview: 5 + i },
            ...(i < 3 ? [{ lifeAreaId: "people", atStart: 2, atReview: 8 }] : []),
          ],
        };
      people.push(p);
    }
  return people;
}

/** Outside the period: steps only before it or only after it, a budget and decisions outside it. */
const OUTSIDE: GeneratedPerson[] = [
  ...[1, 2, 3].map(() => ({
    stage: "designing-plan" as const,
    startedAt: "2024-10-01T00:00:00.000Z",
    lastStepAt: "2024-12-31T23:59:59.000Z",
    budget: {
      ruleSetId: "example-2026-1",
      eligible: true,
      nhsPence: 1,
      councilPence: 1,
      at: "2024-12-01T00:00:00.000Z",
    },
    decisions: [
      {
        decision: "changes-requested" as const,
        submittedAt: "2024-12-01T00:00:00.000Z",
        decidedAt: "2024-12-02T00:00:00.000Z",
      },
    ],
  })),
  ...[1, 2].map(() => ({
    stage: "identifying-need" as const,
    startedAt: "2025-07-01T00:00:00.000Z",
    lastStepAt: "2025-07-02T00:00:00.000Z",
  })),
];

/** The team of 4. */
const TEAM_B: GeneratedPerson[] = [0, 1, 2, 3].map((i) => ({
  stage: i < 2 ? "identifying-need" : "agreeing-support",
  startedAt: day(20),
  lastStepAt: day(160 + i),
  budget: {
    ruleSetId: "example-2026-1",
    eligible: i < 2,
    nhsPence: 200_000,
    councilPence: 100_000,
    at: day(50),
  },
  decisions: i >= 2 ? [{ decision: "changes-requested", submittedAt: day(90), decidedAt: day(92) }] : undefined,
}));

// ---- the test's own arithmetic

/** Linear between the nearest ranks, written out here independently of the portal. */
function q(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * p;
  const lo = Math.floor(pos);
  return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (pos - lo);
}
const round1 = (x: number) => Math.round(x * 10) / 10;
const F = "fewer than 5";
const W = "withheld";
type Value = number | string;

/** Primary and secondary suppression of one table's cells, as the issue states the rule. */
function suppress(cells: number[]): boolean[] {
  const total = cells.reduce((a, b) => a + b, 0);
  if (total < 5) return cells.map(() => true);
  const hide = cells.map((n) => n < 5);
  if (hide.filter(Boolean).length === 1) {
    const others = cells.map((n, i) => [n, i] as const).filter(([, i]) => !hide[i]);
    others.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    hide[others[0]![1]] = true;
  }
  return hide;
}

const STAGES: GeneratedStage[] = STAGE_COUNTS_A.map(([s]) => s);
const KINDS = ["controlled-treatment", "co-designed", "citizen-led", "something-else"];

/** Every figure the downloads should carry for these people, keyed "figure|group|measure". */
function expected(people: GeneratedPerson[]): Map<string, Value> {
  const out = new Map<string, Value>();
  const put = (figure: string, group: string, measure: string, value: Value) =>
    out.set(`${figure}|${group}|${measure}`, value);
  const spread = (figure: string, group: string, values: number[], people: number, hide = false) => {
    const ok = !hide && people >= 5 && values.length > 0;
    put(figure, group, "count", hide || people < 5 ? F : people);
    put(figure, group, "median", ok ? round1(q(values, 0.5)) : W);
    put(figure, group, "lower quartile", ok ? round1(q(values, 0.25)) : W);
    put(figure, group, "upper quartile", ok ? round1(q(values, 0.75)) : W);
    put(figure, group, "90th percentile", ok ? round1(q(values, 0.9)) : W);
  };
  const inPeriod = (at: string) => at >= "2025-01-01" && at < "2025-07-01";

  // Stages: people with a step in the period.
  const active = people.filter((p) => inPeriod(p.lastStepAt) || inPeriod(p.startedAt));
  const stageCounts = STAGES.map((s) => active.filter((p) => p.stage === s).length);
  const stageHide = suppress(stageCounts);
  put("stages", "all", "count", active.length >= 5 ? active.length : F);
  STAGES.forEach((s, i) => {
    put("stages", s, "count", stageHide[i] ? F : stageCounts[i]!);
    const days = active.filter((p) => p.stage === s).map((p) => (AS_OF - Date.parse(p.lastStepAt)) / 86_400_000);
    spread("days since last step", s, days, stageCounts[i]!, stageHide[i]);
    out.delete(`days since last step|${s}|count`);
  });

  // Budgets.
  const budgets = people
    .filter((p) => p.budget && inPeriod(p.budget.at))
    .map((p) => ({ ...p.budget!, free: !!p.freeSupport }));
  const ruleSets = [...new Set(budgets.filter((b) => b.eligible).map((b) => b.ruleSetId))].sort();
  const below = budgets.filter((b) => !b.eligible);
  const budgetHide = suppress([
    ...ruleSets.map((r) => budgets.filter((b) => b.eligible && b.ruleSetId === r).length),
    below.length,
  ]);
  const belowHidden = budgetHide[ruleSets.length]!;
  put("budgets", "all", "count", budgets.length >= 5 ? budgets.length : F);
  put("budgets", "below threshold", "count", belowHidden ? F : below.length);
  const free = below.filter((b) => b.free).length;
  put("budgets", "below threshold with help that costs nothing", "count", belowHidden || free < 5 ? F : free);
  const budgetRow = (group: string, rows: typeof budgets, hide: boolean, hideCount = hide) => {
    spread(
      "budget",
      group,
      rows.map((b) => b.nhsPence + b.councilPence),
      rows.length,
      hide,
    );
    if (hideCount) put("budget", group, "count", F);
    const ok = !hide && rows.length >= 5;
    put("budget", group, "NHS part, sum", ok ? rows.reduce((a, b) => a + b.nhsPence, 0) : W);
    put("budget", group, "council part, sum", ok ? rows.reduce((a, b) => a + b.councilPence, 0) : W);
  };
  ruleSets.forEach((r, i) =>
    budgetRow(
      r,
      budgets.filter((b) => b.eligible && b.ruleSetId === r),
      budgetHide[i]!,
    ),
  );
  budgetRow(
    "all rule sets",
    budgets.filter((b) => b.eligible),
    false,
    belowHidden,
  );

  // Planned spend: plans signed off in the period, a year of each item.
  const signed = people.filter((p) => p.signedOff && inPeriod(p.signedOff.at));
  const items = signed.flatMap((p, i) => p.signedOff!.items.map((item) => ({ ...item, who: i })));
  const enoughPlans = signed.length >= 5;
  put("planned spend", "all", "count", enoughPlans ? signed.length : F);
  put("planned spend", "all", "sum", enoughPlans ? items.reduce((a, x) => a + x.unitCostPence * x.unitsPerYear, 0) : W);
  const spendTable = (figure: string, groups: string[], groupOf: (kind: string) => string) => {
    const peopleIn = groups.map((g) =>
      enoughPlans ? new Set(items.filter((x) => groupOf(x.kind) === g).map((x) => x.who)).size : 0,
    );
    const hide = suppress(peopleIn);
    groups.forEach((g, i) => {
      put(figure, g, "count", hide[i] ? F : peopleIn[i]!);
      const pence = items
        .filter((x) => groupOf(x.kind) === g)
        .reduce((a, x) => a + x.unitCostPence * x.unitsPerYear, 0);
      put(figure, g, "sum", hide[i] ? W : pence);
    });
  };
  spendTable("planned spend by kind", KINDS, (k) => k);
  spendTable("planned spend by provision", ["statutory", "community"], (k) =>
    k === "controlled-treatment" ? "statutory" : "community",
  );

  // Actual spend in the period: ledger spending less corrections (dated when made), voucher sessions
  // (controlled treatments, statutory) and spending from small grants (community).
  const dayIn = (on: string) => on >= "2025-01-01" && on <= "2025-06-30";
  const moves = people.flatMap((p, who) => [
    ...(p.spending ?? []).flatMap((m) => [
      ...(dayIn(m.on) ? [{ who, kind: m.menuKind ?? "not-in-plan", sector: m.sector, pence: m.pence }] : []),
      ...(m.reversedOn && dayIn(m.reversedOn)
        ? [{ who, kind: m.menuKind ?? "not-in-plan", sector: m.sector, pence: -m.pence }]
        : []),
    ]),
    ...(p.vouchers ?? [])
      .filter((v) => v.firstSessionOn && dayIn(v.firstSessionOn))
      .map(() => ({ who, kind: "controlled-treatment", sector: "statutory", pence: 6_500 })),
    ...(p.grants ?? []).flatMap((g) =>
      (g.spent ?? [])
        .filter((x) => dayIn(x.on))
        .map((x) => ({ who, kind: "small-grant", sector: "community", pence: x.pence })),
    ),
  ]);
  const spenders = new Set(moves.map((m) => m.who)).size;
  put("actual spend", "all", "count", spenders >= 5 ? spenders : F);
  put("actual spend", "all", "sum", spenders >= 5 ? moves.reduce((a, m) => a + m.pence, 0) : W);
  const actualTable = (figure: string, groups: string[], groupOf: (m: (typeof moves)[number]) => string) => {
    const peopleIn = groups.map((g) =>
      spenders >= 5 ? new Set(moves.filter((m) => groupOf(m) === g).map((m) => m.who)).size : 0,
    );
    const hide = suppress(peopleIn);
    groups.forEach((g, i) => {
      put(figure, g, "count", hide[i] ? F : peopleIn[i]!);
      put(figure, g, "sum", hide[i] ? W : moves.filter((m) => groupOf(m) === g).reduce((a, m) => a + m.pence, 0));
    });
  };
  actualTable("actual spend by kind", [...KINDS, "contingency", "not-in-plan", "small-grant"], (m) => m.kind);
  actualTable("actual spend by provision", ["statutory", "community"], (m) => m.sector);

  // The learning loop: everyone eligible in the budgets table above, by rule set and bands of 10 points.
  const median = (values: number[], hide = false) => (!hide && values.length >= 5 ? round1(q(values, 0.5)) : W);
  const reviewedChange = (p: GeneratedPerson) => {
    if (!p.review || !inPeriod(p.review.at)) return null;
    const changes = p.review.outcomes.map((o) => o.atReview - o.atStart);
    return changes.reduce((a, b) => a + b, 0) / changes.length;
  };
  const learners = people
    .filter((p) => p.budget && inPeriod(p.budget.at) && p.budget.eligible)
    .map((p) => {
      const signed = p.signedOff && p.signedOff.at < "2025-07-01" ? p.signedOff : null;
      const spentToEnd = (p.spending ?? []).reduce(
        (a, m) =>
          a + (m.on <= "2025-06-30" ? m.pence : 0) - (m.reversedOn && m.reversedOn <= "2025-06-30" ? m.pence : 0),
        0,
      );
      const budget = p.budget!.nhsPence + p.budget!.councilPence;
      return {
        ruleSetId: p.budget!.ruleSetId,
        band: Math.floor((p.budget!.points ?? 0) / 10) * 10,
        budget,
        planned: signed
          ? (signed.items.reduce((a, x) => a + x.unitCostPence * x.unitsPerYear, 0) / budget) * 100
          : null,
        actual: signed ? (spentToEnd / budget) * 100 : null,
        change: reviewedChange(p),
      };
    });
  ruleSets.forEach((r, ri) => {
    const group = learners.filter((l) => l.ruleSetId === r);
    const hideAll = budgetHide[ri]!;
    put("learning loop", r, "count", hideAll || group.length < 5 ? F : group.length);
    const low = Math.min(...group.map((l) => l.band));
    const high = Math.max(...group.map((l) => l.band));
    const bands: number[] = [];
    if (!hideAll) for (let b = low; b <= high; b += 10) bands.push(b);
    const bandHide = suppress(bands.map((b) => group.filter((l) => l.band === b).length));
    bands.forEach((b, bi) => {
      const inBand = group.filter((l) => l.band === b);
      const name = `${r} ${b} to ${b + 9} points`;
      const budgets = inBand.map((l) => l.budget);
      spread("budget by points band", name, budgets, inBand.length, bandHide[bi]);
      const ok = !bandHide[bi] && inBand.length >= 5;
      put(
        "budget by points band",
        name,
        "middle half as percent of median",
        ok ? round1(((q(budgets, 0.75) - q(budgets, 0.25)) / q(budgets, 0.5)) * 100) : W,
      );
      put(
        "budget by points band",
        name,
        "planned spend as percent of budget, median",
        median(
          inBand.filter((l) => l.planned !== null).map((l) => l.planned!),
          bandHide[bi],
        ),
      );
      put(
        "budget by points band",
        name,
        "change in outcome rating, median",
        median(
          inBand.filter((l) => l.change !== null).map((l) => l.change!),
          bandHide[bi],
        ),
      );
    });
    for (const [figure, which] of [
      ["planned spend beside budget", "planned"],
      ["actual spend beside budget", "actual"],
    ] as const) {
      const percents = hideAll ? [] : group.filter((l) => l[which] !== null).map((l) => l[which]!);
      const counts = [
        percents.filter((x) => x < 95).length,
        percents.filter((x) => x >= 95 && x <= 105).length,
        percents.filter((x) => x > 105).length,
      ];
      // The people without the figure are the rule set's people less these: a count like any other.
      const countsHidden = hideAll || suppress([percents.length, group.length - percents.length])[0]!;
      const hide = countsHidden ? [true, true, true] : suppress(counts);
      put(figure, r, "count", countsHidden ? F : percents.length);
      put(figure, r, "percent of budget, median", median(percents));
      ["less than 95% of budget", "within 5% of budget", "more than 105% of budget"].forEach((m, i) =>
        put(figure, r, m, hide[i] ? F : counts[i]!),
      );
    }
    const changes = hideAll ? [] : group.filter((l) => l.change !== null).map((l) => l.change!);
    spread("change in outcome rating by rule set", r, changes, changes.length, hideAll);
    if (suppress([changes.length, group.length - changes.length])[0])
      put("change in outcome rating by rule set", r, "count", F);
  });

  // Small grants asked for in the period, by where they stand now, and the sum granted.
  const grants = people.flatMap((p, who) => (p.grants ?? []).filter((g) => inPeriod(g.at)).map((g) => ({ ...g, who })));
  const grantStates = ["asked", "granted", "declined"] as const;
  const grantCounts = grantStates.map((s) => grants.filter((g) => g.state === s).length);
  const grantHide = suppress(grantCounts);
  put("small grants", "all", "count", grants.length >= 5 ? grants.length : F);
  grantStates.forEach((s, i) => put("small grants", s, "count", grantHide[i] ? F : grantCounts[i]!));
  const granted = grants.filter((g) => g.state === "granted");
  put(
    "small grants",
    "granted",
    "sum",
    new Set(granted.map((g) => g.who)).size >= 5 ? granted.reduce((a, g) => a + g.grantedPence!, 0) : W,
  );

  // Treatment vouchers issued in the period: taken up or not yet, and the days to the first session.
  const issued = people.flatMap((p, who) =>
    (p.vouchers ?? []).filter((v) => inPeriod(v.issuedAt)).map((v) => ({ ...v, who })),
  );
  const taken = issued.filter((v) => v.firstSessionOn);
  const takeUpHide = suppress([taken.length, issued.length - taken.length]);
  put("treatment vouchers", "all", "count", issued.length >= 5 ? issued.length : F);
  put("treatment vouchers", "taken-up", "count", takeUpHide[0] ? F : taken.length);
  put("treatment vouchers", "not-yet", "count", takeUpHide[1] ? F : issued.length - taken.length);
  spread(
    "days from voucher to first session",
    "all",
    taken.map((v) => (Date.parse(v.firstSessionOn!) - Date.parse(v.issuedAt.slice(0, 10))) / 86_400_000),
    new Set(taken.map((v) => v.who)).size,
  );

  // Sign-off.
  const decisions = people
    .flatMap((p, who) => [
      ...(p.decisions ?? []).map((d) => ({ ...d, who })),
      ...(p.signedOff
        ? [{ decision: "signed-off", submittedAt: p.signedOff.submittedAt, decidedAt: p.signedOff.at, who }]
        : []),
    ])
    .filter((d) => inPeriod(d.decidedAt));
  const kinds = ["signed-off", "changes-requested", "referred-to-panel"];
  const decisionCounts = kinds.map((k) => decisions.filter((d) => d.decision === k).length);
  const decisionHide = suppress(decisionCounts);
  put("decisions", "all", "count", decisions.length >= 5 ? decisions.length : F);
  kinds.forEach((k, i) => put("decisions", k, "count", decisionHide[i] ? F : decisionCounts[i]!));
  spread(
    "days from submission to decision",
    "all",
    decisions.map((d) => (Date.parse(d.decidedAt) - Date.parse(d.submittedAt)) / 86_400_000),
    new Set(decisions.map((d) => d.who)).size,
  );
  const reconsiderations = people.flatMap((p) => p.reconsiderations ?? []).filter(inPeriod).length;
  put("reconsiderations", "all", "count", reconsiderations >= 5 ? reconsiderations : F);

  // Outcomes: per person per life area, the mean change.
  const areas: string[] = JSON.parse(readFileSync("content/life-areas.json", "utf8")).areas.map(
    (a: { id: string }) => a.id,
  );
  for (const area of areas) {
    const changes = people
      .filter((p) => p.review && inPeriod(p.review.at))
      .map((p) => p.review!.outcomes.filter((o) => o.lifeAreaId === area).map((o) => o.atReview - o.atStart))
      .filter((list) => list.length > 0)
      .map((list) => list.reduce((a, b) => a + b, 0) / list.length);
    spread("change in outcome rating", area, changes, changes.length);
  }
  return out;
}

// ---- setting up

let db: TestDatabase;
const teams: Record<
  "A" | "B",
  { teamId: string; leadId: string; email: string; secret: string; people: GeneratedPerson[] }
> = {} as never;
let morgan: Browserish;

let signIns = 0;
async function signInAdmin(email: string, secret: string): Promise<Browserish> {
  const browser = new Browserish();
  // Each sign-in takes a later time step than the one before (the test server accepts 60 either side of
  // now, and refuses a step once used): no wait for the clock.
  signIns += 1;
  const res = await browser.post("/sign-in", { email, password: PASSWORD, returnTo: "/home" });
  expect(res.status).toBe(302);
  const code = await browser.post(
    "/sign-in/code",
    { code: totpCode(secret, Date.now() + (signIns - 50) * 30_000), returnTo: "/home" },
    { from: "/sign-in/code" },
  );
  expect(code.status).toBe(302);
  return browser;
}

beforeAll(async () => {
  db = await openTestDatabase({ writable: true });
  const hash = await hashPassword(PASSWORD);
  const secrets = { A: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", B: "MZXW6YTBOI======MZXW6YTBOI======".replaceAll("=", "A") };
  for (const name of ["A", "B"] as const) {
    const email = `insights-admin-${name.toLowerCase()}-${Date.now()}@example.org`;
    const made = await addTeam(db, {
      name: `Generated team ${name}`,
      adminEmail: email,
      passwordHash: hash,
      totpSecret: secrets[name],
    });
    const people = name === "A" ? [...teamA(), ...OUTSIDE] : TEAM_B;
    await addPeople(db, made.leadId, people);
    teams[name] = { ...made, email, secret: secrets[name], people };
  }
  morgan = await signIn(DEMO.morgan);
}, 60_000);

afterAll(() => db?.close());

async function records(browser: Browserish, query = PERIOD): Promise<Map<string, Value>> {
  const res = await browser.get(`/insights.json?${query}`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { records: { figure: string; group: string; measure: string; value: Value }[] };
  return new Map(body.records.map((r) => [`${r.figure}|${r.group}|${r.measure}`, r.value]));
}

/**
 * Every part of an insights page, one after another: the page shows a part at a time, and its
 * sub-navigation links to each, with the period asked for.
 */
async function wholePage(browser: Browserish, address: string): Promise<string> {
  const first = await (await browser.get(address)).text();
  const nav = /<nav class="sub-navigation"[^>]*>([\s\S]*?)<\/nav>/.exec(first)![1]!;
  const hrefs = [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
  expect(hrefs).toHaveLength(6);
  const parts = [first];
  for (const href of hrefs.slice(1)) parts.push(await (await browser.get(href)).text());
  return parts.join("\n");
}

/** Each table on the page: section id -> row label -> cells. */
function tables(html: string): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  for (const chunk of html.split('<section aria-labelledby="figure-').slice(1)) {
    const id = chunk.slice(0, chunk.indexOf('"'));
    const rows = new Map<string, string[]>();
    for (const row of chunk.matchAll(/<tr><th scope="row">(.*?)<\/th>(.*?)<\/tr>/g))
      rows.set(
        row[1]!,
        [...row[2]!.matchAll(/<td class="num">(.*?)<\/td>/g)].map((m) => m[1]!),
      );
    out.set(id, rows);
  }
  return out;
}

const gbp = (pence: Value) =>
  typeof pence === "number"
    ? new Intl.NumberFormat("en-GB", {
        style: "currency",
        currency: "GBP",
        minimumFractionDigits: pence % 100 ? 2 : 0,
        maximumFractionDigits: pence % 100 ? 2 : 0,
      }).format(pence / 100)
    : pence;
const num = (v: Value) =>
  typeof v === "number" ? new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 }).format(v) : v;

describe("insights on generated people with known answers", () => {
  it("every figure in the commissioner's download equals the test's own count (every team)", async () => {
    const got = await records(morgan);
    const want = expected([...teams.A.people, ...teams.B.people]);
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want));
  });

  it("the commissioner's page shows the same figures in its tables", async () => {
    const want = expected([...teams.A.people, ...teams.B.people]);
    const html = await wholePage(morgan, `/insights?${PERIOD}`);
    const t = tables(html);
    const stageNames: string[] = JSON.parse(readFileSync("content/journey.json", "utf8")).stages.map(
      (s: { name: { en: string } }) => s.name.en,
    );
    STAGES.forEach((s, i) => {
      const cells = t.get("stages")!.get(stageNames[i]!)!;
      expect(cells[0], s).toBe(num(want.get(`stages|${s}|count`)!));
      expect(cells[1], s).toBe(num(want.get(`days since last step|${s}|median`)!));
    });
    expect(t.get("stages")!.get("Total")![0]).toBe(num(want.get("stages|all|count")!));
    const budgets = t.get("budgets")!;
    const ex = [...budgets.entries()].find(([label]) =>
      label.startsWith("Example rule set 2026 (price per point)"),
    )![1];
    expect(ex[0]).toBe(num(want.get("budget|example-2026-1|count")!));
    expect(ex[1]).toBe(gbp(want.get("budget|example-2026-1|median")!));
    expect(ex[3]).toBe(gbp(want.get("budget|example-2026-1|NHS part, sum")!));
    expect(ex[4]).toBe(gbp(want.get("budget|example-2026-1|council part, sum")!));
    expect(budgets.get("Below the eligibility threshold")![0]).toBe(num(want.get("budgets|below threshold|count")!));
    expect(budgets.get("Total")![0]).toBe(num(want.get("budgets|all|count")!));
    const kinds = t.get("spend-kind")!;
    expect(kinds.get("Citizen-led support")![0]).toBe(num(want.get("planned spend by kind|citizen-led|count")!));
    expect(kinds.get("Citizen-led support")![1]).toBe(gbp(want.get("planned spend by kind|citizen-led|sum")!));
    expect(kinds.get("Co-designed solutions")![1]).toBe(W);
    expect(kinds.get("Plans signed off")![1]).toBe(gbp(want.get("planned spend|all|sum")!));
    const sectors = t.get("spend-sector")!;
    expect(sectors.get("Statutory")![1]).toBe(gbp(want.get("planned spend by provision|statutory|sum")!));
    expect(sectors.get("Community")![1]).toBe(gbp(want.get("planned spend by provision|community|sum")!));
    const signOff = t.get("sign-off")!;
    expect(signOff.get("Signed off")![0]).toBe(num(want.get("decisions|signed-off|count")!));
    expect(signOff.get("Referred to the panel")![0]).toBe(F);
    expect(signOff.get("Total")![0]).toBe(num(want.get("decisions|all|count")!));
    expect(signOff.get("Asked to think again")![0]).toBe(num(want.get("reconsiderations|all|count")!));
    expect(signOff.get("Days from sending to decision (median)")![0]).toBe(
      num(want.get("days from submission to decision|all|median")!),
    );
    expect(signOff.get("Days from sending to decision (9 in 10 within)")![0]).toBe(
      num(want.get("days from submission to decision|all|90th percentile")!),
    );
    const actualKinds = t.get("spend-actual-kind")!;
    expect(actualKinds.get("Citizen-led support")).toEqual([
      num(want.get("actual spend by kind|citizen-led|count")!),
      gbp(want.get("actual spend by kind|citizen-led|sum")!),
      gbp(want.get("planned spend by kind|citizen-led|sum")!),
    ]);
    expect(actualKinds.get("Crisis contingency")).toEqual([F, W, ""]);
    expect(actualKinds.get("Total")![1]).toBe(gbp(want.get("actual spend|all|sum")!));
    const actualSectors = t.get("spend-actual-sector")!;
    expect(actualSectors.get("Statutory")).toEqual([
      num(want.get("actual spend by provision|statutory|count")!),
      gbp(want.get("actual spend by provision|statutory|sum")!),
      gbp(want.get("planned spend by provision|statutory|sum")!),
    ]);
    expect(actualSectors.get("Community")![1]).toBe(gbp(want.get("actual spend by provision|community|sum")!));
    const learning = t.get("learning-example-bands-2026-1")!;
    const band = learning.get("20 to 29 points")!;
    const b = (m: string) => want.get(`budget by points band|example-bands-2026-1 20 to 29 points|${m}`)!;
    expect(band[0]).toBe(num(b("count")));
    expect(band[1]).toBe(gbp(b("median")));
    expect(band[3]).toBe(`${num(Math.round(b("middle half as percent of median") as number))}%`);
    expect(band[4]).toBe(`${num(Math.round(b("planned spend as percent of budget, median") as number))}%`);
    expect(learning.get("Total")![0]).toBe(num(want.get("learning loop|example-bands-2026-1|count")!));
    expect(t.get("learning-example-2026-1")!.get("0 to 9 points")![0]).toBe(F);
    // In plain words, below the table.
    const planned = want.get("planned spend beside budget|example-bands-2026-1|percent of budget, median") as number;
    expect(html).toContain(
      `half of the ${num(want.get("planned spend beside budget|example-bands-2026-1|count")!)} people with a signed-off plan plan to spend ${num(Math.round(planned))}% of their budget or less.`,
    );
    expect(html).toContain("Budgets under this rule set tend to be more than people plan to spend.");
    expect(html).toContain("20 to 29 points: the middle half of budgets spans");
    expect(html).toContain("so people with similar needs get similar budgets.");
    const outcomes = t.get("outcomes")!;
    const home = [...outcomes.entries()].find(([label]) => label === "Home")![1];
    expect(home[0]).toBe(num(want.get("change in outcome rating|home|count")!));
    const median = want.get("change in outcome rating|home|median") as number;
    expect(home[1]).toBe(`${median > 0 ? "+" : ""}${num(median)}`);
    // Each chart is drawn on the server, with the same numbers as its table.
    // Eight figures, actual spend by kind and by provision, and the learning loop of each of the two rule sets.
    expect(html.match(/<svg[^>]*role="img"/g)?.length).toBe(12);
    expect(html).toContain(`>${num(want.get("stages|organising-support|count")!)}</text>`);
  });

  it("the data make the rules bite: small cells, a secondary cell and figures outside the period", () => {
    const want = expected([...teams.A.people, ...teams.B.people]);
    expect(want.get("stages|reflecting|count")).toBe(F); // 3 people
    expect(want.get("stages|mapping-resources|count")).toBe(F); // 5, withheld with it
    expect(want.get("stages|all|count")).toBe(44);
    expect(want.get("planned spend|all|count")).toBe(8); // not the 6 signed off in 2024
    expect(want.get("budget|example-2026-1|count")).toBe(14); // not the 3 from 2024
    // Actual spend: 6 citizen-led (one payment corrected), 5 treatments paid and 6 voucher sessions, the
    // contingency twice, grant spending three times in the period (not the one after it).
    expect(want.get("actual spend|all|count")).toBe(19);
    expect(want.get("actual spend by kind|controlled-treatment|count")).toBe(11);
    expect(want.get("actual spend by kind|contingency|sum")).toBe(W);
    // The learning loop: the two people at 10 to 19 points under the price-per-point rules are withheld,
    // and the band of 10 beside them with them; the bands rule set shows both its bands.
    expect(want.get("budget by points band|example-2026-1 10 to 19 points|count")).toBe(F);
    expect(want.get("budget by points band|example-2026-1 0 to 9 points|count")).toBe(F);
    expect(want.get("budget by points band|example-bands-2026-1 20 to 29 points|count")).toBe(13);
    expect(typeof want.get("planned spend beside budget|example-bands-2026-1|percent of budget, median")).toBe(
      "number",
    );
    expect(typeof want.get("actual spend beside budget|example-bands-2026-1|percent of budget, median")).toBe("number");
  });

  it("a team administrator sees their own team only", async () => {
    const admin = await signInAdmin(teams.A.email, teams.A.secret);
    const html = await wholePage(admin, `/insights/team?${PERIOD}`);
    const want = expected(teams.A.people);
    const t = tables(html);
    expect(t.get("stages")!.get("Total")![0]).toBe(num(want.get("stages|all|count")!));
    expect(want.get("stages|all|count")).toBe(40);
    expect(t.get("sign-off")!.get("Total")![0]).toBe(num(want.get("decisions|all|count")!));
    expect((await admin.get(`/insights?${PERIOD}`)).status).toBe(404);
    expect((await admin.get(`/insights.csv?${PERIOD}`)).status).toBe(404);
  });

  it("says when its figures were worked out, on the page and in the download", async () => {
    const asked = Date.now();
    const body = (await (await morgan.get(`/insights.json?${PERIOD}`)).json()) as { workedOutAt: string };
    expect(Math.abs(Date.parse(body.workedOutAt) - asked)).toBeLessThan(60_000);
    const html = await (await morgan.get(`/insights?${PERIOD}`)).text();
    const year = new Date(body.workedOutAt).getUTCFullYear();
    expect(html).toMatch(new RegExp(`<p>Figures worked out on \\d{1,2} \\w+ ${year} at \\d{2}:\\d{2}\\.</p>`));
  });

  it("shows its figures a part at a time: every part named, the one shown marked, the period kept", async () => {
    const ids = (html: string) => [...html.matchAll(/<section aria-labelledby="figure-([^"]+)"/g)].map((m) => m[1]);
    const first = await (await morgan.get(`/insights?${PERIOD}`)).text();
    expect(ids(first)).toEqual(["stages", "budgets"]);
    expect(first).toContain("<title>People and budgets – What the scheme learns – ");
    expect(first).toContain(
      '<a href="/insights?from=2025-01-01&amp;to=2025-06-30" aria-current="page">People and budgets</a>',
    );
    expect(first).toContain('<a href="/insights?from=2025-01-01&amp;to=2025-06-30&amp;part=planned">Planned spend</a>');
    expect(first).not.toContain('name="part"');
    const planned = await (await morgan.get(`/insights?${PERIOD}&part=planned`)).text();
    expect(ids(planned)).toEqual(["spend-kind", "spend-sector"]);
    expect(planned).toContain('aria-current="page">Planned spend</a>');
    // Another period asked for from this part stays on this part; the downloads keep every figure.
    expect(planned).toContain('<input type="hidden" name="part" value="planned"/>');
    expect(planned).toContain('href="/insights.csv?from=2025-01-01&amp;to=2025-06-30"');
    expect(ids(await (await morgan.get(`/insights?${PERIOD}&part=learning`)).text())).toEqual([
      "learning-example-2026-1",
      "learning-example-bands-2026-1",
    ]);
    // An unknown part reads as the first; no period in the address, none in the links.
    expect(ids(await (await morgan.get(`/insights?${PERIOD}&part=nonsense`)).text())).toEqual(["stages", "budgets"]);
    expect(await (await morgan.get("/insights")).text()).toContain('<a href="/insights?part=support">');
    // Every figure is in one part, and only one.
    const all = ids(await wholePage(morgan, `/insights?${PERIOD}`));
    expect(all).toHaveLength(12);
    expect(new Set(all).size).toBe(12);
  });

  it("a period that is not a pair of dates comes back with a clear message and the default period", async () => {
    const res = await morgan.get("/insights?from=2025-06-30&to=2025-01-01");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("The end of the period must be on or after its start");
    expect(html).toContain('value="2025-06-30"');
    const bad = await morgan.get("/insights?from=yesterday&to=%3Cscript%3E");
    expect(bad.status).toBe(200);
    expect(await bad.text()).toContain("Enter a date, for example 2026-03-31");
  });
});

describe("the summary follows events as they happen", () => {
  // Team C lives in the first half of 2023, when nothing else happens: its page shows only what this test writes.
  const PERIOD_C = "from=2023-01-01&to=2023-06-30";
  const END_C = Date.parse("2023-07-01T00:00:00.000Z");
  const SECRET_C = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU";
  let admin: Browserish;
  let leadId: string;
  let personIds: string[];

  beforeAll(async () => {
    const email = `insights-admin-c-${Date.now()}@example.org`;
    const made = await addTeam(db, {
      name: "Generated team C",
      adminEmail: email,
      passwordHash: await hashPassword(PASSWORD),
      totpSecret: SECRET_C,
    });
    leadId = made.leadId;
    personIds = await addPeople(
      db,
      leadId,
      [0, 1, 2, 3, 4, 5].map((i) => ({
        stage: "designing-plan" as const,
        startedAt: "2023-01-10T00:00:00.000Z",
        lastStepAt: `2023-02-0${i + 1}T00:00:00.000Z`,
        budget: {
          ruleSetId: "example-2026-1",
          eligible: true,
          nhsPence: 100_000,
          councilPence: 50_000,
          at: "2023-01-20T00:00:00.000Z",
        },
      })),
    );
    // Five below the threshold, who stay where they are: the budgets table has no lone small row to hide.
    await addPeople(
      db,
      leadId,
      [0, 1, 2, 3, 4].map(() => ({
        stage: "identifying-need" as const,
        startedAt: "2023-01-10T00:00:00.000Z",
        lastStepAt: "2023-01-15T00:00:00.000Z",
        budget: {
          ruleSetId: "example-2026-1",
          eligible: false,
          nhsPence: 0,
          councilPence: 0,
          at: "2023-01-12T00:00:00.000Z",
        },
      })),
    );
    admin = await signInAdmin(email, SECRET_C);
  }, 60_000);

  const stageNames: Record<string, string> = Object.fromEntries(
    JSON.parse(readFileSync("content/journey.json", "utf8")).stages.map((s: { id: string; name: { en: string } }) => [
      s.id,
      s.name.en,
    ]),
  );
  const page = async () => tables(await wholePage(admin, `/insights/team?${PERIOD_C}`));
  const stage = (t: Map<string, Map<string, string[]>>, id: string) => t.get("stages")!.get(stageNames[id]!)!;
  const budget = (t: Map<string, Map<string, string[]>>) =>
    [...t.get("budgets")!.entries()].find(([label]) => label.startsWith("Example rule set 2026 (price per point)"))![1];
  const daysTo = (at: string) => num(Math.round((END_C - Date.parse(at)) / 8_640_000) / 10);
  const planOf = async (personId: string) =>
    (await db.get<{ id: string }>("SELECT id FROM plans WHERE person_id = ?", personId))!.id;
  const budgetAt = (personId: string, at: string, pence: number) =>
    db.run(
      `INSERT INTO allocations (id, person_id, assessment_id, basis, rule_set_id, inputs, eligible, points,
         nhs_pence, council_pence, total_pence, weekly_pence, flags, explanation, created_by, created_at)
       SELECT ?, ?, id, 'self', 'example-2026-1', '{}', true, 0, ?, 0, ?, 0, '[]', '[]', ?, ? FROM assessments
       WHERE person_id = ?`,
      randomUUID(),
      personId,
      pence,
      pence,
      leadId,
      at,
      personId,
    );

  it("a plan sent, then signed off, moves people on a stage each time; a budget worked out changes the budgets", async () => {
    let t = await page();
    expect(stage(t, "designing-plan").slice(0, 2)).toEqual(["6", daysTo("2023-02-03T12:00:00.000Z")]);
    expect(budget(t).slice(0, 2)).toEqual(["6", "£1,500"]);
    expect(t.get("sign-off")!.get("Signed off")![0]).toBe(F);

    // Each plan is sent (the person's step), then signed off by the lead professional.
    const submissions: string[] = [];
    for (const personId of personIds) {
      const id = randomUUID();
      await db.run(
        `INSERT INTO plan_submissions (id, plan_id, person_id, version, snapshot, consent, submitted_by, submitted_at)
         VALUES (?, ?, ?, 1, '{"cycle":1,"version":1,"plan":{"items":[]}}', true, ?, '2023-03-01T00:00:00.000Z')`,
        id,
        await planOf(personId),
        personId,
        leadId,
      );
      await db.run("UPDATE plans SET state = 'submitted' WHERE id = ?", await planOf(personId));
      submissions.push(id);
    }
    t = await page();
    expect(stage(t, "designing-plan")[0]).toBe(F);
    expect(stage(t, "agreeing-support").slice(0, 2)).toEqual(["6", daysTo("2023-03-01T00:00:00.000Z")]);

    for (const [i, personId] of personIds.entries()) {
      await db.run(
        `INSERT INTO plan_decisions (id, plan_id, submission_id, decision, decided_by, decided_at)
         VALUES (?, ?, ?, 'signed-off', ?, '2023-03-05T00:00:00.000Z')`,
        randomUUID(),
        await planOf(personId),
        submissions[i],
        leadId,
      );
      await db.run("UPDATE plans SET state = 'signed-off' WHERE id = ?", await planOf(personId));
    }
    t = await page();
    expect(stage(t, "agreeing-support")[0]).toBe(F);
    expect(stage(t, "organising-support").slice(0, 2)).toEqual(["6", daysTo("2023-03-05T00:00:00.000Z")]);
    expect(t.get("sign-off")!.get("Signed off")![0]).toBe("6");
    expect(t.get("sign-off")!.get("Days from sending to decision (median)")![0]).toBe("4");

    // A new budget in the period is the one counted, and it is their latest step.
    for (const personId of personIds) await budgetAt(personId, "2023-06-01T00:00:00.000Z", 300_000);
    t = await page();
    expect(budget(t).slice(0, 2)).toEqual(["6", "£3,000"]);
    expect(stage(t, "organising-support").slice(0, 2)).toEqual(["6", daysTo("2023-06-01T00:00:00.000Z")]);
  });

  it("what happens after the period leaves the period's figures as they were", async () => {
    // A newer budget and a newer step after the period's end: the page for the period still counts the
    // budget and the last step within it.
    for (const personId of personIds) await budgetAt(personId, "2023-08-01T00:00:00.000Z", 999_900);
    const t = await page();
    expect(budget(t).slice(0, 2)).toEqual(["6", "£3,000"]);
    expect(stage(t, "organising-support").slice(0, 2)).toEqual(["6", daysTo("2023-06-01T00:00:00.000Z")]);
    // The year up to now counts neither.
    const now = tables(await wholePage(admin, "/insights/team"));
    expect(now.get("stages")!.get("Total")![0]).toBe(F);
  });
});

describe("nobody can be identified", () => {
  it("a team of 4 shows 'fewer than 5' for every count and withholds every figure", async () => {
    const admin = await signInAdmin(teams.B.email, teams.B.secret);
    const html = await wholePage(admin, `/insights/team?${PERIOD}`);
    const t = tables(html);
    // Eight figures, actual spend twice, and the learning loop of the one rule set.
    expect(t.size).toBe(11);
    for (const [id, rows] of t)
      for (const [label, cells] of rows)
        for (const cell of cells) expect([F, W, ""], `${id} / ${label}: ${cell}`).toContain(cell);
    // The charts carry no number either.
    const values = [...html.matchAll(/<text class="bar-value"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(values.length).toBeGreaterThan(20);
    for (const value of values) expect([F, W]).toContain(value);
  });

  it("no shown total minus the shown cells of a table gives a single withheld cell (commissioner's download)", async () => {
    const got = await records(morgan);
    const tablesOf: [string, string, string[]][] = [
      ["stages", "stages", STAGES],
      ["decisions", "decisions", ["signed-off", "changes-requested", "referred-to-panel"]],
      ["planned spend by provision", "planned spend", ["statutory", "community"]],
    ];
    for (const [figure, totalFigure, groups] of tablesOf) {
      const total = got.get(`${totalFigure}|all|count`);
      if (typeof total !== "number") continue;
      const withheld = groups.filter((g) => typeof got.get(`${figure}|${g}|count`) !== "number");
      expect(withheld.length, figure).not.toBe(1);
    }
    // Actual spend by kind and by provision, and the points bands of each rule set: never one withheld cell.
    for (const [figure, groups] of [
      ["actual spend by kind", [...KINDS, "contingency", "not-in-plan", "small-grant"]],
      ["actual spend by provision", ["statutory", "community"]],
    ] as const)
      expect(groups.filter((g) => typeof got.get(`${figure}|${g}|sum`) !== "number").length, figure).not.toBe(1);
    for (const ruleSet of ["example-2026-1", "example-bands-2026-1"]) {
      const bands = [...got.keys()].filter(
        (k) => k.startsWith(`budget by points band|${ruleSet} `) && k.endsWith("|count"),
      );
      expect(bands.length).toBeGreaterThan(1);
      expect(bands.filter((k) => typeof got.get(k) !== "number").length, ruleSet).not.toBe(1);
    }
    // The money by kind adds up to the total: never one withheld kind.
    const kinds = KINDS.filter((k) => typeof got.get(`planned spend by kind|${k}|sum`) !== "number");
    expect(kinds.length).not.toBe(1);
    // The budget table: rule sets and the row below the threshold add up to everyone with a budget.
    const budgetRows = [...got.keys()].filter(
      (k) => k.startsWith("budget|") && k.endsWith("|count") && !k.includes("all rule sets"),
    );
    const hiddenBudgetRows = budgetRows.filter((k) => typeof got.get(k) !== "number").length;
    const belowHidden = typeof got.get("budgets|below threshold|count") !== "number";
    expect(hiddenBudgetRows + (belowHidden ? 1 : 0)).not.toBe(1);
  });

  it("no name, email or id of any demo or generated person is in the page, the JSON or the CSV", async () => {
    const demo = await db.all<{ userId: string; name: string; email: string; personId: string | null }>(
      `SELECT u.id AS "userId", u.name, u.email, p.id AS "personId" FROM users u LEFT JOIN persons p ON p.user_id = u.id
       WHERE u.email LIKE '%@example.org' OR u.email LIKE 'generated-%'`,
    );
    expect(demo.length).toBeGreaterThan(50);
    const bodies = {
      page: await wholePage(morgan, `/insights?${PERIOD}`),
      json: await (await morgan.get(`/insights.json?${PERIOD}`)).text(),
      csv: await (await morgan.get(`/insights.csv?${PERIOD}`)).text(),
      teamPage: await wholePage(await signInAdmin(teams.A.email, teams.A.secret), `/insights/team?${PERIOD}`),
    };
    const signedIn = {
      page: ["Morgan Lee"],
      json: [],
      csv: [],
      teamPage: ["Administrator of Generated team A"],
    } as Record<keyof typeof bodies, string[]>;
    const leaks: string[] = [];
    for (const [where, body] of Object.entries(bodies))
      for (const who of demo)
        for (const value of [who.userId, who.personId, who.email, who.name])
          // The page shell names whoever is signed in (Morgan, the team administrator); nobody else appears.
          if (value && body.includes(value) && !signedIn[where as keyof typeof bodies].includes(value))
            leaks.push(`${where}: ${value}`);
    expect(leaks).toEqual([]);
  });

  it("the CSV has the same figures, and no cell starts with = + - or @", async () => {
    const res = await morgan.get(`/insights.csv?${PERIOD}`);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const csv = await res.text();
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe('"figure","group","measure","unit","value"');
    const json = await records(morgan);
    expect(lines.length - 1).toBe(json.size);
    for (const line of lines) {
      const cells = line.slice(1, -1).split('","');
      for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@]/);
    }
    // A fall in ratings is a negative number: written so a spreadsheet shows it as text, never runs it.
    expect(csv).toMatch(/"'-\d/);
  });
});
