// `node --import tsx scripts/generate-people.ts --people N --out FILE`: a database of N people shaped
// like real use, for the scale bench (`npm run bench -- --people N`). Written straight through the
// schema's tables with prepared statements in a few large transactions, so 100,000 people take minutes.
// Made-up people only; every account has the demo password, professionals share one known secret.
//
// Per person: an account and record; a lead professional with about 500 people; a peer broker for one in
// four, a representative acting for one in ten; twelve answers and two or three budget calculations;
// a plan in one of every state (one in twenty in a second cycle), its sections saved twice; submissions,
// decisions and reviews as the state implies; notifications to the person and the lead professional;
// and about 100 audit lines. The insights summary is filled from the same view its triggers read.
import { existsSync, rmSync } from "node:fs";
import { GENESIS_HASH, lineHash } from "../app/lib/audit-chain.server";
import { hashPassword } from "../app/lib/password.server";
import { openDatabase } from "../app/lib/db.server";
import { NEED_AREA_KEYS } from "../app/domain/choices";
import { activeRuleSetId, loadRuleSet } from "../app/content/rule-sets.server";
import { allocateBudget } from "../app/domain/allocation";
import { ratingInputs, ratingsRecord, type AgreedRating, type SelfAnswer } from "../app/domain/assessment";

export const SCALE_PASSWORD = "try the portal slowly 2026";
/** Every generated professional's one-time-code secret (base32). */
export const SCALE_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const N = Number(arg("people") ?? 1000);
const out = arg("out");
if (!out || !Number.isInteger(N) || N < 20) {
  console.error("Usage: generate-people.ts --people N (20 or more) --out FILE");
  process.exit(2);
}

// A seeded generator: the same N gives the same database.
let seed = 0x5eed ^ N;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
// Eight hex digits from one draw: building ids one digit at a time was a tenth of the generation's time.
const hex8 = () =>
  Math.floor(random() * 0x1_0000_0000)
    .toString(16)
    .padStart(8, "0");
const hex = (n: number) => {
  let s = "";
  while (s.length < n) s += hex8();
  return s.slice(0, n);
};
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(["8", "9", "a", "b"])}${hex(3)}-${hex(12)}`;

const NOW = Date.now();
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const isoDate = (ms: number) => iso(ms).slice(0, 10);

// The one list of need areas (app/domain/rule-set.ts).
const AREAS: readonly string[] = NEED_AREA_KEYS;
/** The rule set every generated budget is worked out under, loaded from content as the portal loads it. */
const RULE_SET = loadRuleSet(activeRuleSetId());
const FIRST = [
  "Alex",
  "Sam",
  "Priya",
  "Tomasz",
  "Aisha",
  "Jordan",
  "Mei",
  "Oluwaseun",
  "Kasia",
  "Rhys",
  "Fatima",
  "Liam",
];
const LAST = ["Khan", "Smith", "Nowak", "Jones", "Patel", "Williams", "Ahmed", "Brown", "Kowalski", "Evans", "Begum"];
const name = () => `${pick(FIRST)} ${pick(LAST)}`;
/** The twenty shapes a plan can be in; a person's index picks one. 19: no assessment yet. */
const STATES = [
  ...Array<string>(7).fill("draft"),
  "submitted",
  "submitted",
  "changes-requested",
  "referred-to-panel",
  ...Array<string>(6).fill("signed-off"),
  "in-review",
  "next-cycle",
  "none",
] as const;

const planContent = (outcomeId: string) => ({
  outcomes: JSON.stringify([
    {
      id: outcomeId,
      words: "Get out of the house twice a week and see people",
      lifeAreaId: "feeling-well",
      now: 3,
      hope: 7,
    },
  ]),
  freeSupport: JSON.stringify([
    { id: uuid(), who: "My sister", what: "Comes with me to the allotment", howOften: "Weekly" },
  ]),
  risks: JSON.stringify([{ id: uuid(), risk: "I stop going out when I am low", howManaged: "My sister checks in" }]),
  crisis: JSON.stringify({
    earlySigns: "Not sleeping, not answering the phone",
    whatHelps: "Quiet, a walk, someone I trust",
    contacts: [{ name: "Crisis team", howToReach: "0300 000 0000" }],
    doNotWant: "",
    preferredPlace: "Home",
  }),
  decisions: JSON.stringify({
    whoDecidesWhat: "I decide, with my sister",
    management: "direct-payment",
    managementDetails: {},
  }),
  resources: JSON.stringify([{ id: uuid(), heading: "connections", what: "A friend from the allotment" }]),
});

async function main() {
  if (existsSync(out!)) rmSync(out!);
  for (const extra of ["-wal", "-shm"]) if (existsSync(out! + extra)) rmSync(out! + extra);
  const started = Date.now();
  const passwordHash = await hashPassword(SCALE_PASSWORD);
  const db = openDatabase(out!); // migrates: the tables are exactly the schema's
  const sqlite = db.$client;
  sqlite.pragma("foreign_keys = OFF");
  sqlite.pragma("journal_mode = OFF");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -1000000");
  sqlite.pragma("temp_store = MEMORY");

  // The insights summary's triggers recompute a person's row at every write (migration 0023): for a bulk
  // load they are set aside, and the summary is filled once at the end from the same view they read. The
  // caseloads' counts of changes (migration 0026) are set aside too: a new database has nothing kept to
  // work out again; and so is each person's count of audit lines (0027), counted once at the end.
  const summaryTriggers = sqlite
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND (name LIKE 'insights_after_%' OR name LIKE 'caseload_after_%' OR name LIKE 'audit_counts_after_%')",
    )
    .all() as { name: string; sql: string }[];
  for (const trigger of summaryTriggers) sqlite.exec(`DROP TRIGGER "${trigger.name}"`);
  // Every index but the unique ones is built once at the end, from sorted keys, instead of row by row:
  // the ids are random, so each insert would touch a random page of every index.
  const laterIndexes = sqlite
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'",
    )
    .all() as { name: string; sql: string }[];
  for (const index of laterIndexes) sqlite.exec(`DROP INDEX "${index.name}"`);

  const ins = (table: string, cols: string[]) =>
    sqlite.prepare(`insert into ${table} (${cols.join(",")}) values (${cols.map(() => "?").join(",")})`);
  const team = ins("teams", ["id", "name", "created_at"]);
  const user = ins("users", [
    "id",
    "email",
    "name",
    "role",
    "password_hash",
    "totp_secret",
    "team_id",
    "is_team_admin",
    "created_at",
  ]);
  const person = ins("persons", ["id", "user_id", "lead_professional_id", "created_at"]);
  const helper = ins("helpers", [
    "id",
    "person_id",
    "helper_user_id",
    "kind",
    "authority",
    "acting_for_type",
    "acting_for_reference",
    "created_at",
  ]);
  const invitation = ins("invitations", [
    "id",
    "person_id",
    "kind",
    "code_hash",
    "created_by",
    "expires_at",
    "accepted_at",
    "accepted_by",
    "created_at",
  ]);
  const assessment = ins("assessments", ["id", "person_id", "cycle", "informal", "informal_by", "created_at"]);
  const answer = ins("assessment_answers", [
    "assessment_id",
    "need_area",
    "rating",
    "rather_not_say",
    "answered_by",
    "answered_at",
  ]);
  const agreed = ins("agreed_ratings", [
    "id",
    "assessment_id",
    "need_area",
    "rating",
    "reason",
    "agreed_by",
    "agreed_at",
  ]);
  const allocation = ins("allocations", [
    "id",
    "person_id",
    "assessment_id",
    "basis",
    "rule_set_id",
    "inputs",
    "eligible",
    "points",
    "nhs_pence",
    "council_pence",
    "total_pence",
    "weekly_pence",
    "flags",
    "explanation",
    "created_by",
    "created_at",
  ]);
  const plan = ins("plans", ["id", "person_id", "cycle", "state", "created_at"]);
  const section = ins("plan_sections", [
    "plan_id",
    "section",
    "version",
    "content",
    "saved_by",
    "on_behalf_of",
    "saved_at",
  ]);
  const history = ins("plan_section_history", [
    "plan_id",
    "section",
    "version",
    "content",
    "saved_by",
    "on_behalf_of",
    "saved_at",
    "outcome",
  ]);
  const submission = ins("plan_submissions", [
    "id",
    "plan_id",
    "person_id",
    "version",
    "snapshot",
    "consent",
    "submitted_by",
    "submitted_at",
    "reconsideration",
  ]);
  const decision = ins("plan_decisions", [
    "id",
    "plan_id",
    "submission_id",
    "decision",
    "criteria",
    "item_agreements",
    "reason",
    "review_date",
    "confirmed_budget_pence",
    "decided_by",
    "decided_at",
  ]);
  const review = ins("plan_reviews", [
    "id",
    "plan_id",
    "what_is_working",
    "what_is_not",
    "changes_agreed",
    "next_review_date",
    "held_by",
    "held_at",
  ]);
  const notification = ins("notifications", ["id", "user_id", "kind", "params", "link", "created_at", "read_at"]);
  const auditLine = ins("audit_log", [
    "seq",
    "at",
    "actor_id",
    "person_id",
    "action",
    "target",
    "result",
    "detail",
    "prev_hash",
    "hash",
  ]);
  // The trail is hash-chained as the portal writes it, so the first start has nothing to seal.
  let auditSeq = 0;
  let auditHash = GENESIS_HASH;

  const yearAgo = NOW - 365 * DAY;
  const leads: string[] = [];
  const brokers: string[] = [];
  const L = Math.max(1, Math.ceil(N / 500));
  const B = Math.max(1, Math.ceil(N / 40));

  sqlite.transaction(() => {
    const teamIds: string[] = [];
    for (let t = 0; t < Math.ceil(L / 10); t++) {
      teamIds.push(uuid());
      team.run(teamIds[t], `Community mental health team ${t + 1} (example)`, iso(yearAgo));
    }
    for (let l = 0; l < L; l++) {
      leads.push(uuid());
      user.run(
        leads[l],
        `lead-${l + 1}@scale.example`,
        name(),
        "lead-professional",
        passwordHash,
        SCALE_TOTP_SECRET,
        teamIds[Math.floor(l / 10)],
        l % 10 === 0 ? 1 : 0,
        iso(yearAgo),
      );
    }
    for (let b = 0; b < B; b++) {
      brokers.push(uuid());
      user.run(
        brokers[b],
        `broker-${b + 1}@scale.example`,
        name(),
        "peer-broker",
        passwordHash,
        null,
        null,
        0,
        iso(yearAgo),
      );
    }
    user.run(
      uuid(),
      "commissioner@scale.example",
      name(),
      "commissioner",
      passwordHash,
      SCALE_TOTP_SECRET,
      null,
      0,
      iso(yearAgo),
    );
  })();

  const BATCH = 2000;
  for (let from = 0; from < N; from += BATCH) {
    sqlite.transaction(() => {
      for (let i = from; i < Math.min(N, from + BATCH); i++) makePerson(i);
    })();
    if (process.stderr.isTTY) process.stderr.write(`\r${Math.min(N, from + BATCH)} of ${N} people`);
  }

  function makePerson(i: number) {
    const userId = uuid();
    const personId = uuid();
    // Caseloads of 500 consecutive people, so every lead professional has people in every state.
    const lead = leads[Math.floor(i / 500) % L]!;
    const joined = yearAgo + Math.floor(random() * 30 * DAY);
    const personName = name();
    user.run(userId, `person-${i + 1}@scale.example`, personName, "person", passwordHash, null, null, 0, iso(joined));
    person.run(personId, userId, lead, iso(joined));
    const helperIds: string[] = [];
    if (i % 4 === 1) {
      const broker = brokers[i % B]!;
      helperIds.push(broker);
      helper.run(uuid(), personId, broker, "peer-broker", null, null, null, iso(joined + DAY));
      notification.run(
        uuid(),
        userId,
        "helper-joined",
        JSON.stringify({ name: "Peer broker" }),
        `/people/${personId}/helpers`,
        iso(joined + DAY),
        iso(joined + 2 * DAY),
      );
    }
    if (i % 10 === 3) {
      const rep = uuid();
      helperIds.push(rep);
      user.run(
        rep,
        `representative-${i + 1}@scale.example`,
        name(),
        "representative",
        passwordHash,
        null,
        null,
        0,
        iso(joined),
      );
      helper.run(
        uuid(),
        personId,
        rep,
        "representative",
        "acting-for",
        "lpa-health-welfare",
        `LPA-SCALE-${i + 1}`,
        iso(joined + DAY),
      );
      invitation.run(
        uuid(),
        personId,
        "representative",
        hex(64),
        userId,
        iso(joined + 8 * DAY),
        iso(joined + DAY),
        rep,
        iso(joined),
      );
    }
    const shape = STATES[i % STATES.length]!;
    let t = joined + 2 * DAY;
    const lines: [number, string | null, string, string | null, string, string | null][] = [];
    const read = (actor: string, path: string) => lines.push([t, actor, "read", path, "ok", null]);
    if (shape !== "none") {
      const cycles = shape === "next-cycle" ? 2 : 1;
      for (let cycle = 1; cycle <= cycles; cycle++) {
        const assessmentId = uuid();
        const informal = pick(["none", "a-little", "a-lot", "most"] as const);
        assessment.run(assessmentId, personId, cycle, informal, userId, iso(t));
        const ratings = AREAS.map(() => Math.floor(random() * 4));
        AREAS.forEach((area, a) => {
          answer.run(assessmentId, area, ratings[a], 0, userId, iso(t));
          lines.push([
            t,
            userId,
            "answer-need-area",
            area,
            "ok",
            JSON.stringify({ rating: ratings[a], ratherNotSay: false }),
          ]);
        });
        // Each calculation as the portal makes it (calculateBudget): the real engine and rule set, so the
        // budget pages show a real explanation, with its lines and flags, not a made-up one.
        const answers = new Map<string, SelfAnswer>(
          AREAS.map((a, k) => [a, { rating: ratings[k]!, answeredBy: userId }]),
        );
        const agreedRatings = new Map<string, AgreedRating>();
        let total = 0;
        for (const [k, basis] of (i % 5 === 0 ? ["self", "self", "agreed"] : ["self", "self"]).entries()) {
          if (basis === "agreed")
            for (const area of ["mood", "housing"]) {
              const reason = "Agreed at the assessment meeting";
              agreed.run(uuid(), assessmentId, area, 2, reason, lead, iso(t + k * DAY));
              agreedRatings.set(area, { rating: 2, reason, agreedBy: lead, agreedAt: iso(t + k * DAY) });
            }
          const inputs = ratingInputs(answers, agreedRatings, basis === "agreed");
          const result = allocateBudget(RULE_SET, { ratings: ratingsRecord(inputs), informal });
          if (basis === "self") total = result.totalPence;
          allocation.run(
            uuid(),
            personId,
            assessmentId,
            basis,
            result.ruleSetId,
            JSON.stringify({ ratings: inputs, informal }),
            result.eligible ? 1 : 0,
            result.points,
            result.nhsPence,
            result.councilPence,
            result.totalPence,
            result.weeklyPence,
            JSON.stringify(result.flags),
            JSON.stringify(result.explanation),
            basis === "agreed" ? lead : userId,
            iso(t + k * DAY),
          );
          lines.push([t + k * DAY, basis === "agreed" ? lead : userId, "calculate-budget", null, "ok", null]);
        }
        t += 7 * DAY;
        const planId = uuid();
        const state = cycles === 2 ? (cycle === 1 ? "closed" : "draft") : shape;
        plan.run(planId, personId, cycle, state, iso(t));
        const content = planContent(uuid());
        for (const [key, json] of Object.entries(content)) {
          for (const version of [1, 2]) {
            const by = version === 2 && helperIds.length > 0 ? helperIds[0]! : userId;
            history.run(planId, key, version, json, by, personId, iso(t + version * DAY), "saved");
            lines.push([t + version * DAY, by, "save-plan-section", key, "ok", JSON.stringify({ version })]);
          }
          section.run(planId, key, 2, json, helperIds.length > 0 ? helperIds[0]! : userId, personId, iso(t + 2 * DAY));
        }
        t += 14 * DAY;
        if (state === "draft") continue;
        const submissionId = uuid();
        const snapshot = JSON.stringify({
          cycle,
          version: 1,
          plan: {
            items: [],
            overBudgetReason: "",
            ...Object.fromEntries(Object.entries(content).map(([k, v]) => [k, JSON.parse(v)])),
          },
          budget: {
            totalPence: total,
            basis: "self",
            selfTotalPence: total,
            agreedTotalPence: null,
            committedPence: 0,
            agreedRatings: [],
          },
          notMet: [],
        });
        // Submitted plans wait from a day to three months: the queue shows every age.
        const sentAt = state === "submitted" ? NOW - Math.floor(random() * 90 + 1) * DAY : t;
        submission.run(submissionId, planId, personId, 1, snapshot, 1, userId, iso(sentAt), 0);
        notification.run(
          uuid(),
          lead,
          "plan-waiting",
          JSON.stringify({ name: personName }),
          `/people/${personId}/plan/review`,
          iso(sentAt),
          state === "submitted" ? null : iso(sentAt + DAY),
        );
        lines.push([sentAt, userId, "plan-submit", planId, "ok", JSON.stringify({ version: 1, cycle })]);
        if (state === "submitted") continue;
        const decided = t + 5 * DAY;
        const kind =
          state === "changes-requested"
            ? "changes-requested"
            : state === "referred-to-panel"
              ? "referred-to-panel"
              : "signed-off";
        // Review dates from a month ago to a year ahead: some are coming due.
        const reviewDate = kind === "signed-off" ? isoDate(NOW + Math.floor(random() * 395 - 30) * DAY) : null;
        decision.run(
          uuid(),
          planId,
          submissionId,
          kind,
          "{}",
          "{}",
          kind === "signed-off" ? null : "Please say more about the crisis plan",
          reviewDate,
          kind === "signed-off" ? total : null,
          lead,
          iso(decided),
        );
        notification.run(
          uuid(),
          userId,
          "plan-decision",
          JSON.stringify({ by: "Lead professional" }),
          `/people/${personId}/plan/decision`,
          iso(decided),
          iso(decided + DAY),
        );
        lines.push([decided, lead, `plan-${kind}`, planId, "ok", JSON.stringify({ version: 1, cycle })]);
        if (reviewDate && reviewDate <= isoDate(NOW + 28 * DAY)) {
          const link = `/people/${personId}/plan/review-meeting`;
          notification.run(
            uuid(),
            lead,
            "review-due",
            JSON.stringify({ name: personName, date: reviewDate }),
            link,
            iso(NOW - DAY),
            null,
          );
          notification.run(
            uuid(),
            userId,
            "review-due",
            JSON.stringify({ date: reviewDate }),
            `/people/${personId}/plan/decision`,
            iso(NOW - DAY),
            null,
          );
        }
        if (state === "closed") {
          review.run(
            uuid(),
            planId,
            "The allotment",
            "Winter was hard",
            "More support in winter",
            isoDate(NOW + 300 * DAY),
            lead,
            iso(decided + 60 * DAY),
          );
          t = decided + 61 * DAY;
        }
      }
    }
    // The rest of about 100 lines: the person, their lead professional and helpers looking at the record.
    const paths = ["", "/budget", "/plan", "/journey", "/plan/history", "/audit", "/plan/crisis"];
    const actors = [userId, userId, userId, lead, ...helperIds];
    let when = joined;
    while (lines.length < 100) {
      when += Math.floor(random() * 3 * DAY);
      const actor = pick(actors);
      t = Math.min(when, NOW - DAY);
      read(actor, `/people/${personId}${pick(paths)}`);
    }
    lines.sort((a, b) => a[0] - b[0]);
    for (const [at, actor, action, target, result, detail] of lines) {
      const line = { seq: ++auditSeq, at: iso(at), actorId: actor, personId, action, target, result, detail };
      const prevHash = auditHash;
      auditHash = lineHash(prevHash, line);
      auditLine.run(line.seq, line.at, actor, personId, action, target, result, detail, prevHash, auditHash);
    }
  }

  for (const index of laterIndexes) sqlite.exec(index.sql);
  const summaryColumns = (sqlite.pragma("table_info(insights_people)") as { name: string }[])
    .map((c) => `"${c.name}"`)
    .join(", ");
  sqlite.exec(`INSERT INTO insights_people (${summaryColumns}) SELECT ${summaryColumns} FROM insights_person_facts`);
  sqlite.exec(`INSERT INTO audit_counts (person_id, lines)
    SELECT person_id, count(*) FROM audit_log WHERE person_id IS NOT NULL GROUP BY person_id`);
  for (const trigger of summaryTriggers) sqlite.exec(trigger.sql);

  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
  if (process.stderr.isTTY) process.stderr.write("\n");
  console.log(JSON.stringify({ people: N, leads: L, seconds: Math.round((Date.now() - started) / 100) / 10 }));
}

await main();
