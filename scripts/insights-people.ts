import { randomUUID } from "node:crypto";
import { NEED_AREA_KEYS } from "../app/domain/choices";

/**
 * Made-up people written straight into a portal database, each described by what the insights
 * should find: the stage they are at, their budget, the items of a signed-off plan, decisions and
 * outcome ratings, all at given moments. The insights integration test writes a few dozen and
 * counts the answers itself; the benchmark writes 100,000. No real person, no free text worth reading.
 */

export type GeneratedStage =
  | "identifying-need"
  | "mapping-resources"
  | "designing-plan"
  | "agreeing-support"
  | "organising-support"
  | "using-support"
  | "reflecting";

export interface GeneratedPerson {
  stage: GeneratedStage;
  /** The person's latest recorded step (an answer): every other moment given must be on or before it. */
  lastStepAt: string;
  /** Earlier steps happen at this moment (answers, plan saves). */
  startedAt: string;
  budget?: {
    ruleSetId: string;
    eligible: boolean;
    nhsPence: number;
    councilPence: number;
    at: string;
    /** A self calculation made before the agreed one (must not be counted). */
    selfFirst?: boolean;
    /** Points of need (0 unless given). */
    points?: number;
  };
  /** Help that costs nothing in the current plan. */
  freeSupport?: boolean;
  /** A signed-off plan's items (a year each is unit × units), signed off at `signedOffAt`. */
  signedOff?: {
    submittedAt: string;
    at: string;
    items: { kind: string; unitCostPence: number; unitsPerYear: number }[];
  };
  /** Other decisions, each on its own version sent at `submittedAt`. */
  decisions?: {
    decision: "signed-off" | "changes-requested" | "referred-to-panel";
    submittedAt: string;
    decidedAt: string;
  }[];
  /** Versions sent again after "ask us to think again". */
  reconsiderations?: string[];
  /** An earlier cycle reviewed at `at`, with each outcome rated at its start and at the review. */
  review?: { at: string; outcomes: { lifeAreaId: string; atStart: number; atReview: number }[] };
  /** Small grants asked for at `at`, and where each stands; spending from a granted one on a day. */
  grants?: {
    at: string;
    state: "asked" | "granted" | "declined";
    askedPence: number;
    grantedPence?: number;
    spent?: { on: string; pence: number }[];
  }[];
  /**
   * Money spent against the current cycle's plan after sign-off (ledger entries), on a day, with the
   * item's menu kind (null: not in the plan) and who was paid; `reversedOn`: corrected on that day.
   */
  spending?: {
    on: string;
    pence: number;
    menuKind: string | null;
    sector: "community" | "statutory";
    reversedOn?: string;
  }[];
  /** Treatment vouchers issued at `issuedAt`, with the day of the first session claimed, if any. */
  vouchers?: { issuedAt: string; firstSessionOn?: string }[];
}

/**
 * Where the people are written: this much of a database connection (tests/support/database.ts's
 * TestDatabase is one), on SQLite or PostgreSQL alike.
 */
export interface SqlWriter {
  run(sql: string, ...params: unknown[]): Promise<number>;
  transaction<T>(fn: () => Promise<T>): Promise<T>;
}

// The one list of need areas (app/domain/rule-set.ts).
const NEED_AREAS: readonly string[] = NEED_AREA_KEYS;

const STATE: Record<GeneratedStage, string | null> = {
  "identifying-need": null,
  "mapping-resources": null,
  "designing-plan": "draft",
  "agreeing-support": "submitted",
  "organising-support": "signed-off",
  "using-support": "signed-off",
  reflecting: "in-review",
};

/** A team with a lead professional who is its administrator. Returns their ids. */
export async function addTeam(
  db: SqlWriter,
  team: { name: string; adminEmail: string; passwordHash: string; totpSecret: string | null },
): Promise<{ teamId: string; leadId: string }> {
  const teamId = randomUUID();
  const leadId = randomUUID();
  await db.run("INSERT INTO teams (id, name) VALUES (?, ?)", teamId, team.name);
  await db.run(
    `INSERT INTO users (id, email, name, role, password_hash, totp_secret, team_id, is_team_admin)
     VALUES (?, ?, ?, 'lead-professional', ?, ?, ?, true)`,
    leadId,
    team.adminEmail,
    `Administrator of ${team.name}`,
    team.passwordHash,
    team.totpSecret,
    teamId,
  );
  return { teamId, leadId };
}

/** Writes the people, all with `leadId` as their lead professional, in one transaction. */
export async function addPeople(db: SqlWriter, leadId: string, people: readonly GeneratedPerson[]): Promise<string[]> {
  const insert = {
    user: (...params: unknown[]) =>
      db.run(
        "INSERT INTO users (id, email, name, role, password_hash) VALUES (?, ?, ?, 'person', 'not-a-password')",
        ...params,
      ),
    person: (...params: unknown[]) =>
      db.run("INSERT INTO persons (id, user_id, lead_professional_id) VALUES (?, ?, ?)", ...params),
    assessment: (...params: unknown[]) =>
      db.run(
        "INSERT INTO assessments (id, person_id, cycle, informal, informal_by, created_at) VALUES (?, ?, 1, ?, ?, ?)",
        ...params,
      ),
    answer: (...params: unknown[]) =>
      db.run(
        `INSERT INTO assessment_answers (assessment_id, need_area, rating, answered_by, answered_at)
       VALUES (?, ?, 1, ?, ?)`,
        ...params,
      ),
    allocation: (...params: unknown[]) =>
      db.run(
        `INSERT INTO allocations (id, person_id, assessment_id, basis, rule_set_id, inputs, eligible, points,
         nhs_pence, council_pence, total_pence, weekly_pence, flags, explanation, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?, 0, '[]', '[]', ?, ?)`,
        ...params,
      ),
    plan: (...params: unknown[]) =>
      db.run("INSERT INTO plans (id, person_id, cycle, state, created_at) VALUES (?, ?, ?, ?, ?)", ...params),
    section: (...params: unknown[]) =>
      db.run(
        `INSERT INTO plan_sections (plan_id, section, version, content, saved_by, on_behalf_of, saved_at)
       VALUES (?, ?, 1, ?, ?, ?, ?)`,
        ...params,
      ),
    submission: (...params: unknown[]) =>
      db.run(
        `INSERT INTO plan_submissions (id, plan_id, person_id, version, snapshot, consent, submitted_by, submitted_at,
         reconsideration) VALUES (?, ?, ?, ?, ?, true, ?, ?, ?)`,
        ...params,
      ),
    decision: (...params: unknown[]) =>
      db.run(
        `INSERT INTO plan_decisions (id, plan_id, submission_id, decision, decided_by, decided_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
        ...params,
      ),
    grant: (...params: unknown[]) =>
      db.run(
        `INSERT INTO grants (id, person_id, purpose, how_it_helps, asked_pence, state, asked_by, asked_at, answer_by,
         granted_pence, decision_reason, decided_by, decided_at) VALUES (?, ?, 'A class', 'It helps', ?, ?, ?, ?, ?, ?,
         ?, ?, ?)`,
        ...params,
      ),
    voucher: (...params: unknown[]) =>
      db.run(
        `INSERT INTO vouchers (id, person_id, treatment, sessions, value_pence, expires_on, issued_by, issued_at)
       VALUES (?, ?, 'cbt', 12, 84000, '2099-12-31', ?, ?)`,
        ...params,
      ),
    voucherClaim: (...params: unknown[]) =>
      db.run(
        `INSERT INTO voucher_claims (id, voucher_id, person_id, provider_id, sessions, amount_pence, session_date,
         recorded_by, recorded_at) VALUES (?, ?, ?, 'example-wellbeing-therapies', 1, 6500, ?, ?, ?)`,
        ...params,
      ),
    grantSpent: (...params: unknown[]) =>
      db.run(
        `INSERT INTO grant_spending (id, grant_id, person_id, spent_on, amount_pence, what, recorded_by, recorded_at)
       VALUES (?, ?, ?, ?, ?, 'generated', ?, ?)`,
        ...params,
      ),
    ledger: (...params: unknown[]) =>
      db.run(
        `INSERT INTO ledger_entries (id, person_id, plan_id, kind, entry_date, amount_pence, menu_kind, sector,
         contingency, reverses, reversed_kind, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ...params,
      ),
    review: (...params: unknown[]) =>
      db.run(
        `INSERT INTO plan_reviews (id, plan_id, what_is_working, what_is_not, changes_agreed, next_review_date,
         held_by, held_at) VALUES (?, ?, '', '', '', '2099-01-01', ?, ?)`,
        ...params,
      ),
  };
  const ids: string[] = [];
  await db.transaction(async () => {
    for (const p of people) {
      const userId = randomUUID();
      const personId = randomUUID();
      ids.push(personId);
      await insert.user(userId, `generated-${personId}@example.invalid`, `Generated ${personId.slice(0, 8)}`);
      await insert.person(personId, userId, leadId);
      const assessmentId = randomUUID();
      const complete = p.stage !== "identifying-need";
      await insert.assessment(
        assessmentId,
        personId,
        complete ? "a-little" : null,
        complete ? userId : null,
        p.startedAt,
      );
      const areas = complete ? NEED_AREAS : NEED_AREAS.slice(0, 3);
      // The first area is answered last: that answer is the person's latest step.
      for (const [i, area] of areas.entries())
        await insert.answer(assessmentId, area, userId, i === 0 ? p.lastStepAt : p.startedAt);

      if (p.budget) {
        const b = p.budget;
        const total = b.eligible ? b.nhsPence + b.councilPence : 0;
        if (b.selfFirst)
          await insert.allocation(
            randomUUID(),
            personId,
            assessmentId,
            "self",
            b.ruleSetId,
            1,
            0,
            1,
            1,
            2,
            userId,
            b.at,
          );
        await insert.allocation(
          randomUUID(),
          personId,
          assessmentId,
          b.selfFirst ? "agreed" : "self",
          b.ruleSetId,
          b.eligible ? 1 : 0,
          b.points ?? 0,
          b.eligible ? b.nhsPence : 0,
          b.eligible ? b.councilPence : 0,
          total,
          leadId,
          b.at,
        );
      }

      for (const g of p.grants ?? []) {
        const decided = g.state !== "asked";
        const grantId = randomUUID();
        await insert.grant(
          grantId,
          personId,
          g.askedPence,
          g.state,
          userId,
          g.at,
          g.at.slice(0, 10),
          g.grantedPence ?? null,
          decided ? "A reason" : null,
          decided ? leadId : null,
          decided ? g.at : null,
        );
        for (const spent of g.spent ?? [])
          await insert.grantSpent(randomUUID(), grantId, personId, spent.on, spent.pence, userId, spent.on);
      }

      for (const v of p.vouchers ?? []) {
        const voucherId = randomUUID();
        await insert.voucher(voucherId, personId, leadId, v.issuedAt);
        if (v.firstSessionOn)
          await insert.voucherClaim(randomUUID(), voucherId, personId, v.firstSessionOn, leadId, v.issuedAt);
      }

      // An earlier, reviewed cycle: its outcomes at the start and the ratings given when reflecting.
      let cycle = 1;
      if (p.review) {
        const planId = randomUUID();
        await insert.plan(planId, personId, 1, "closed", p.startedAt);
        const outcomes = p.review.outcomes.map((o, i) => ({
          id: `o${i}`,
          words: "generated",
          lifeAreaId: o.lifeAreaId,
          now: o.atStart,
          hope: 10,
        }));
        const ratings = p.review.outcomes.map((o, i) => ({ outcomeId: `o${i}`, now: o.atReview }));
        await insert.section(planId, "outcomes", JSON.stringify(outcomes), userId, personId, p.startedAt);
        await insert.section(
          planId,
          "reflection",
          JSON.stringify({ working: "", notWorking: "", ratings }),
          userId,
          personId,
          p.startedAt,
        );
        await insert.review(randomUUID(), planId, leadId, p.review.at);
        cycle = 2;
      }

      const state = STATE[p.stage];
      const planNeeded = state || p.stage === "mapping-resources" || p.signedOff || p.decisions || p.freeSupport;
      if (!planNeeded) continue;
      const planId = randomUUID();
      await insert.plan(planId, personId, cycle, state ?? "draft", p.startedAt);
      const save = (section: string, content: unknown) =>
        insert.section(planId, section, JSON.stringify(content), userId, personId, p.startedAt);
      if (p.stage === "mapping-resources")
        await save("resources", [{ id: "r1", heading: "connections", what: "generated" }]);
      const items = (p.signedOff?.items ?? []).map((item, i) => ({ id: `i${i}`, ...item }));
      if (state) {
        await save("outcomes", [{ id: "o1", words: "generated", lifeAreaId: "home", now: 3, hope: 7 }]);
        if (p.stage === "organising-support" || p.stage === "using-support")
          await save(
            "items",
            items.length > 0 ? items : [{ id: "i0", kind: "citizen-led", unitCostPence: 100, unitsPerYear: 1 }],
          );
        if (p.stage === "using-support")
          await save("organising", [
            { itemId: "i0", provider: "generated", startDate: "2025-01-01", howPaid: "my-account" },
          ]);
      }
      if (p.freeSupport) await save("freeSupport", [{ id: "f1", who: "generated", what: "generated" }]);
      let version = 0;
      const submit = async (at: string, reconsideration = false) => {
        const id = randomUUID();
        version += 1;
        await insert.submission(
          id,
          planId,
          personId,
          version,
          JSON.stringify({ cycle, version, plan: { items } }),
          userId,
          at,
          reconsideration ? 1 : 0,
        );
        return id;
      };
      for (const d of p.decisions ?? [])
        await insert.decision(randomUUID(), planId, await submit(d.submittedAt), d.decision, leadId, d.decidedAt);
      for (const at of p.reconsiderations ?? []) await submit(at, true);
      if (p.signedOff)
        await insert.decision(
          randomUUID(),
          planId,
          await submit(p.signedOff.submittedAt),
          "signed-off",
          leadId,
          p.signedOff.at,
        );
      for (const s of p.spending ?? []) {
        const spentId = randomUUID();
        const contingency = s.menuKind === "contingency" ? 1 : 0;
        await insert.ledger(
          spentId,
          personId,
          planId,
          "spent",
          s.on,
          s.pence,
          s.menuKind,
          s.sector,
          contingency,
          null,
          null,
          userId,
          s.on,
        );
        if (s.reversedOn)
          await insert.ledger(
            randomUUID(),
            personId,
            planId,
            "reversal",
            s.reversedOn,
            s.pence,
            s.menuKind,
            s.sector,
            contingency,
            spentId,
            "spent",
            userId,
            s.reversedOn,
          );
      }
    }
  });
  return ids;
}
