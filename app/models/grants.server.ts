import { and, asc, desc, eq, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { grants, grantSpending } from "../../db/schema";
import { content } from "~/content/content.server";
import { judgedBudget } from "~/domain/allocation";
import {
  answerBy,
  grantLeft,
  grantTransition,
  mayApplyForGrant,
  maySpendFromGrant,
  withinCap,
  type GrantDecision,
} from "~/domain/grants";
import { db, preparedQuery, transaction } from "~/lib/db.server";
import { latestBudgets } from "./assessment.server";
import { audit } from "./audit.server";
import { notifyWithEmail } from "./notifications.server";
import { tellLeadProfessional, type Actor } from "./signoff.server";

/** Small grants: requests, the team's decision and spending from a granted sum. Rules: app/domain/grants.ts. */

export type GrantRow = typeof grants.$inferSelect;
export type GrantSpendingRow = typeof grantSpending.$inferSelect;

export async function grantRules() {
  return content().grants;
}

/** Whether the person may ask for a small grant now (content says who may). */
export async function mayApplyNow(personId: string): Promise<boolean> {
  return mayApplyForGrant(await grantRules(), judgedBudget(await latestBudgets(personId)));
}

export async function grantsOf(personId: string): Promise<GrantRow[]> {
  return db().select().from(grants).where(eq(grants.personId, personId)).orderBy(desc(grants.askedAt));
}

/** One of the person's grants; another person's grant id finds nothing. */
export async function grantOf(personId: string, grantId: string): Promise<GrantRow | undefined> {
  return (
    await db()
      .select()
      .from(grants)
      .where(and(eq(grants.id, grantId), eq(grants.personId, personId)))
      .limit(1)
  )[0];
}

export async function spendingOf(grantId: string): Promise<GrantSpendingRow[]> {
  return db()
    .select()
    .from(grantSpending)
    .where(eq(grantSpending.grantId, grantId))
    .orderBy(asc(grantSpending.spentOn));
}

/** The person asks for a small grant in a few words; their lead professional's team is told. */
export async function applyForGrant(
  who: Actor,
  asking: { purpose: string; howItHelps: string; askedPence: number },
): Promise<{ ok: true; id: string } | { ok: false; reason: "not-open" | "cap" }> {
  const rules = await grantRules();
  if (!(await mayApplyNow(who.person.id))) return { ok: false, reason: "not-open" };
  if (!withinCap(rules, asking.askedPence)) return { ok: false, reason: "cap" };
  const id = randomUUID();
  const askedAt = new Date().toISOString();
  await db()
    .insert(grants)
    .values({
      id,
      personId: who.person.id,
      purpose: asking.purpose,
      howItHelps: asking.howItHelps,
      askedPence: asking.askedPence,
      askedBy: who.actor.id,
      askedAt,
      answerBy: answerBy(askedAt, rules),
    });
  await audit({
    actorId: who.actor.id,
    personId: who.person.id,
    action: "grant-asked",
    target: id,
    result: "ok",
    detail: { askedPence: asking.askedPence },
  });
  await tellLeadProfessional(who, "grant-asked", `/grants/${id}`);
  return { ok: true, id };
}

/** The team decides once, with a reason the person reads; the person is told. */
export async function decideGrant(
  who: Actor,
  grantId: string,
  decision: { decision: GrantDecision; grantedPence?: number; reason: string },
): Promise<{ ok: true } | { ok: false; reason: "not-found" | "already-decided" | "amount" }> {
  const grant = await grantOf(who.person.id, grantId);
  if (!grant) return { ok: false, reason: "not-found" };
  const step = grantTransition(grant.state, decision.decision, {
    askedPence: grant.askedPence,
    grantedPence: decision.grantedPence,
  });
  if (!step.ok) return step;
  // Only a grant still asked changes: two decisions at once cannot both land.
  const changed = await db()
    .update(grants)
    .set({
      state: step.next,
      grantedPence: step.next === "granted" ? decision.grantedPence! : null,
      decisionReason: decision.reason,
      decidedBy: who.actor.id,
      decidedAt: new Date().toISOString(),
    })
    .where(and(eq(grants.id, grant.id), eq(grants.state, "asked")))
    .returning({ id: grants.id });
  if (changed.length === 0) return { ok: false, reason: "already-decided" };
  await audit({
    actorId: who.actor.id,
    personId: who.person.id,
    action: "grant-decided",
    target: grant.id,
    result: "ok",
    detail: { decision: step.next, grantedPence: decision.grantedPence ?? null, reason: decision.reason },
  });
  await notifyWithEmail(
    who.person.userId,
    "grant-decided",
    { by: who.actor.name },
    `/people/${who.person.id}/grants/${grant.id}`,
  );
  return { ok: true };
}

/** A payment from a granted sum: no more than is left. */
export async function recordGrantSpending(
  who: Actor,
  grantId: string,
  spending: { spentOn: string; amountPence: number; what: string },
): Promise<{ ok: true } | { ok: false; reason: "not-found" | "not-granted" | "more-than-left" }> {
  const grant = await grantOf(who.person.id, grantId);
  if (!grant) return { ok: false, reason: "not-found" };
  if (grant.state !== "granted" || grant.grantedPence === null) return { ok: false, reason: "not-granted" };
  const grantedPence = grant.grantedPence;
  const id = randomUUID();
  // What is left is read and the payment written in one transaction: two payments sent at the same
  // moment can never together spend more than was granted.
  const written = await transaction(async () => {
    const spent = await db()
      .select({ amountPence: grantSpending.amountPence })
      .from(grantSpending)
      .where(eq(grantSpending.grantId, grant.id));
    const left = grantLeft(
      grantedPence,
      spent.map((s) => s.amountPence),
    );
    if (!maySpendFromGrant(left, spending.amountPence)) return false;
    await db().insert(grantSpending).values({
      id,
      grantId: grant.id,
      personId: who.person.id,
      spentOn: spending.spentOn,
      amountPence: spending.amountPence,
      what: spending.what,
      recordedBy: who.actor.id,
      recordedAt: new Date().toISOString(),
    });
    return true;
  });
  if (!written) return { ok: false, reason: "more-than-left" };
  await audit({
    actorId: who.actor.id,
    personId: who.person.id,
    action: "grant-spending",
    target: id,
    result: "ok",
    detail: { grantId: grant.id, amountPence: spending.amountPence },
  });
  return { ok: true };
}

// The person's own copy ("my data") asks these on every visit: built once per connection.
const askedQuery = preparedQuery((d) =>
  d
    .select()
    .from(grants)
    .where(eq(grants.personId, sql.placeholder("personId")))
    .orderBy(asc(grants.askedAt))
    .prepare(),
);
const spendingQuery = preparedQuery((d) =>
  d
    .select()
    .from(grantSpending)
    .where(eq(grantSpending.personId, sql.placeholder("personId")))
    .orderBy(asc(grantSpending.spentOn))
    .prepare(),
);

/** Every small grant asked for, its answer and what was spent from it, for the person's own copy. */
export async function grantHistoryOf(personId: string) {
  const asked = await askedQuery().execute({ personId });
  const spending = await spendingQuery().execute({ personId });
  return asked.map((g) => ({
    purpose: g.purpose,
    howItHelps: g.howItHelps,
    askedPence: g.askedPence,
    askedAt: g.askedAt,
    answerBy: g.answerBy,
    state: g.state,
    grantedPence: g.grantedPence,
    reason: g.decisionReason,
    decidedAt: g.decidedAt,
    spending: spending
      .filter((s) => s.grantId === g.id)
      .map((s) => ({ spentOn: s.spentOn, amountPence: s.amountPence, what: s.what })),
  }));
}
