import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { emptyPlan } from "~/domain/plan";
import { NEED_AREA_KEYS } from "~/domain/choices";
import { GENESIS_HASH, lineHash } from "~/lib/audit-chain.server";
import { hashPassword } from "~/lib/password.server";
import { totpCode, totpStep } from "~/lib/totp.server";
import { DEMO_PASSWORD } from "~/models/demo.server";
import { ADVISORY_LOCK } from "../../db/engine";
import type { TestDatabase } from "./database";
import { Browserish } from "./http";

/**
 * One more than a page of people (26) for one lead professional, written straight into the test
 * server's database on either engine: each with a plan waiting for review and a notification to the
 * lead; the first person's plan saved 26 times and their record looked at 26 times (audit lines,
 * hash-chained as the portal writes them). `tag` keeps the emails of two files on one server apart.
 */
export const MANY = 26;

export interface PagedPeople {
  leadEmail: string;
  /** `paged.N.tag@example.org`, N from 1; named "Paged Person 01" to "Paged Person 26". */
  personEmail: (n: number) => string;
  personIds: string[];
  /** When the first person's oldest audit line was written. */
  oldestLine: string;
}

// The portal's write lock on PostgreSQL (LOCK.WRITE in app/lib/db.server.ts): held while the last audit
// line is read and the next written, so a line the server appends meanwhile cannot fork the chain.
const PG_WRITE_LOCK = ADVISORY_LOCK.WRITE;

async function addPagedPeople(
  db: TestDatabase,
  opts: { tag: string; passwordHash: string; leadSecret: string },
): Promise<PagedPeople> {
  const leadEmail = `pager.lead.${opts.tag}@example.org`;
  const personEmail = (n: number) => `paged.${n}.${opts.tag}@example.org`;
  const leadId = randomUUID();
  const now = Date.now();
  const at = (i: number) => new Date(now - (MANY - i) * 60_000).toISOString();
  const snapshot = JSON.stringify({
    cycle: 1,
    version: 1,
    plan: emptyPlan(),
    budget: {
      totalPence: 0,
      basis: null,
      selfTotalPence: null,
      agreedTotalPence: null,
      committedPence: 0,
      agreedRatings: [],
    },
    notMet: [],
  });
  const addUser = (...params: unknown[]) =>
    db.run(
      "insert into users (id, email, name, role, password_hash, totp_secret) values (?, ?, ?, ?, ?, ?)",
      ...params,
    );
  const personIds: string[] = [];
  await db.transaction(async () => {
    if (db.engine === "postgres") await db.get("select pg_advisory_xact_lock(?)", PG_WRITE_LOCK);
    await addUser(leadId, leadEmail, "Pat Pager", "lead-professional", opts.passwordHash, opts.leadSecret);
    for (let i = 0; i < MANY; i++) {
      const userId = randomUUID();
      const personId = randomUUID();
      const planId = randomUUID();
      const name = `Paged Person ${String(i + 1).padStart(2, "0")}`;
      await addUser(userId, personEmail(i + 1), name, "person", opts.passwordHash, null);
      await db.run(
        "insert into persons (id, user_id, lead_professional_id) values (?, ?, ?)",
        personId,
        userId,
        leadId,
      );
      await db.run("insert into plans (id, person_id, cycle, state) values (?, ?, 1, 'submitted')", planId, personId);
      await db.run(
        "insert into plan_submissions (id, plan_id, person_id, version, snapshot, consent, submitted_by, submitted_at) values (?, ?, ?, 1, ?, true, ?, ?)",
        randomUUID(),
        planId,
        personId,
        snapshot,
        userId,
        at(i),
      );
      await db.run(
        "insert into notifications (id, user_id, kind, params, link, created_at) values (?, ?, 'plan-waiting', ?, ?, ?)",
        randomUUID(),
        leadId,
        JSON.stringify({ name }),
        `/people/${personId}/plan/review`,
        at(i),
      );
      personIds.push(personId);
    }
    const first = personIds[0]!;
    const { user_id: firstUser } = (await db.get<{ user_id: string }>(
      "select user_id from persons where id = ?",
      first,
    ))!;
    const { id: planId } = (await db.get<{ id: string }>("select id from plans where person_id = ?", first))!;
    let last = await db.get<{ seq: number; hash: string | null }>(
      "select seq, hash from audit_log order by seq desc limit 1",
    );
    for (let i = 0; i < MANY; i++) {
      await db.run(
        "insert into plan_section_history (plan_id, section, version, content, saved_by, on_behalf_of, saved_at, outcome) values (?, 'outcomes', ?, '[]', ?, ?, ?, 'saved')",
        planId,
        i + 1,
        firstUser,
        first,
        at(i),
      );
      // Chained as the portal writes them, so the server's trail stays one intact chain for the files after this.
      const line = {
        seq: (last?.seq ?? 0) + 1,
        at: at(i),
        actorId: firstUser,
        personId: first,
        action: "read",
        target: `/people/${first}`,
        result: "ok",
        detail: null,
      };
      const prevHash = last?.hash ?? GENESIS_HASH;
      const hash = lineHash(prevHash, line);
      await db.run(
        "insert into audit_log (seq, at, actor_id, person_id, action, target, result, detail, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        line.seq,
        line.at,
        line.actorId,
        line.personId,
        line.action,
        line.target,
        line.result,
        line.detail,
        prevHash,
        hash,
      );
      last = { seq: line.seq, hash };
    }
  });
  return { leadEmail, personEmail, personIds, oldestLine: at(0) };
}

async function signInAs(email: string, code?: string): Promise<Browserish> {
  const browser = new Browserish();
  const res = await browser.post("/sign-in", { email, password: DEMO_PASSWORD, returnTo: "/home" });
  expect(res.status).toBe(302);
  if (code) {
    const second = await browser.post("/sign-in/code", { code, returnTo: "/home" }, { from: "/sign-in/code" });
    expect(second.status).toBe(302);
  }
  return browser;
}

/**
 * The paged people (`addPagedPeople`), with their lead professional and the first person signed in,
 * and the first person's questions answered and budget worked out through the real forms.
 */
export async function pagedPeopleSignedIn(
  db: TestDatabase,
  tag: string,
): Promise<PagedPeople & { lead: Browserish; person: Browserish }> {
  const leadSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  const paged = await addPagedPeople(db, { tag, passwordHash: await hashPassword(DEMO_PASSWORD), leadSecret });
  // A code from a step the server has not seen for this account (it accepts steps near now in tests).
  const lead = await signInAs(paged.leadEmail, totpCode(leadSecret, (totpStep(Date.now()) - 50) * 30_000));
  const person = await signInAs(paged.personEmail(1));
  const first = paged.personIds[0]!;
  for (const [i, area] of NEED_AREA_KEYS.entries())
    await person.post(`/people/${first}/assessment/${area}`, { rating: String(i % 4) });
  await person.post(`/people/${first}/assessment/informal`, { informal: "a-little" });
  await person.post(`/people/${first}/assessment/check`, { intent: "calculate" });
  return { ...paged, lead, person };
}
