import { and, asc, desc, eq, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { voucherClaims, voucherProviders, vouchers } from "../../db/schema";
import { content } from "~/content/content.server";
import { isAccredited, providersFor, type Provider } from "~/domain/menu";
import { claimRefusal, mayChooseProvider, type ClaimRefusal } from "~/domain/vouchers";
import { db, preparedQuery, transaction } from "~/lib/db.server";
import { audit } from "./audit.server";
import { providersInForce } from "./menu.server";
import { todayInUk } from "./rule-sets.server";
import { tellLeadProfessional, type Actor } from "./signoff.server";

/** Treatment vouchers: issue, provider choices and claims. Rules: app/domain/vouchers.ts. */

export type VoucherRow = typeof vouchers.$inferSelect;
export type VoucherClaimRow = typeof voucherClaims.$inferSelect;
export type VoucherProviderRow = typeof voucherProviders.$inferSelect;

/** The controlled treatments a voucher can be for (each has accredited providers in content). */
export async function voucherTreatments() {
  return content().menu.entries.flatMap((e) => (e.kind === "controlled-treatment" ? [e] : []));
}

/** The providers for a treatment whose accreditation holds today (the menu's providers, as maintained). */
export async function accreditedProviders(treatment: string): Promise<Provider[]> {
  const today = todayInUk();
  return providersFor(await providersInForce(), treatment).filter((p) => isAccredited(p, today));
}

export async function vouchersOf(personId: string): Promise<VoucherRow[]> {
  return db().select().from(vouchers).where(eq(vouchers.personId, personId)).orderBy(desc(vouchers.issuedAt));
}

/** One of the person's vouchers; another person's voucher id finds nothing. */
export async function voucherOf(personId: string, voucherId: string): Promise<VoucherRow | undefined> {
  return (
    await db()
      .select()
      .from(vouchers)
      .where(and(eq(vouchers.id, voucherId), eq(vouchers.personId, personId)))
      .limit(1)
  )[0];
}

export async function claimsOf(voucherId: string): Promise<VoucherClaimRow[]> {
  return db()
    .select()
    .from(voucherClaims)
    .where(eq(voucherClaims.voucherId, voucherId))
    .orderBy(asc(voucherClaims.sessionDate), asc(voucherClaims.recordedAt));
}

/** Every provider chosen for a voucher, oldest first; the last is the one in force. */
export async function providerChoicesOf(voucherId: string): Promise<VoucherProviderRow[]> {
  return db()
    .select()
    .from(voucherProviders)
    .where(eq(voucherProviders.voucherId, voucherId))
    .orderBy(asc(voucherProviders.chosenAt));
}

/** The lead professional issues a voucher for a controlled treatment instead of money. */
export async function issueVoucher(
  who: Actor,
  issuing: { treatment: string; sessions: number; valuePence: number; expiresOn: string },
): Promise<{ ok: true; id: string } | { ok: false; reason: "treatment" }> {
  if ((await accreditedProviders(issuing.treatment)).length === 0) return { ok: false, reason: "treatment" };
  const id = randomUUID();
  await db()
    .insert(vouchers)
    .values({ id, personId: who.person.id, ...issuing, issuedBy: who.actor.id, issuedAt: new Date().toISOString() });
  await audit({
    actorId: who.actor.id,
    personId: who.person.id,
    action: "voucher-issued",
    target: id,
    result: "ok",
    detail: issuing,
  });
  return { ok: true, id };
}

/** The person chooses (or switches to) an accredited provider; the lead professional is told. */
export async function chooseProvider(
  who: Actor,
  voucherId: string,
  providerId: string,
): Promise<{ ok: true } | { ok: false; reason: "not-found" | "provider" }> {
  const voucher = await voucherOf(who.person.id, voucherId);
  if (!voucher) return { ok: false, reason: "not-found" };
  const provider = (await providersInForce()).providers.find((p) => p.id === providerId);
  if (!provider || !isAccredited(provider, todayInUk()) || !mayChooseProvider(voucher, provider))
    return { ok: false, reason: "provider" };
  await db().insert(voucherProviders).values({
    id: randomUUID(),
    voucherId: voucher.id,
    personId: who.person.id,
    providerId,
    chosenBy: who.actor.id,
    chosenAt: new Date().toISOString(),
  });
  await audit({
    actorId: who.actor.id,
    personId: who.person.id,
    action: "voucher-provider",
    target: voucher.id,
    result: "ok",
    detail: { providerId },
  });
  await tellLeadProfessional(who, "voucher-provider", `/vouchers/${voucher.id}`);
  return { ok: true };
}

/** The provider's claim, recorded by the lead professional: sessions at the chosen provider's price. */
export async function recordClaim(
  who: Actor,
  voucherId: string,
  claim: { sessions: number; sessionDate: string },
): Promise<{ ok: true } | { ok: false; reason: "not-found" | ClaimRefusal }> {
  const voucher = await voucherOf(who.person.id, voucherId);
  if (!voucher) return { ok: false, reason: "not-found" };
  const chosen = (await providerChoicesOf(voucher.id)).at(-1);
  const provider = chosen ? (await providersInForce()).providers.find((p) => p.id === chosen.providerId) : undefined;
  const id = randomUUID();
  const amountPence = claim.sessions * (provider?.pricePerSessionPence ?? 0);
  // The claims so far are read and the new one written in one transaction: two claims recorded at the
  // same moment can never together use more sessions or value than the voucher holds.
  const refusal = await transaction(async () => {
    const claims = await db()
      .select()
      .from(voucherClaims)
      .where(eq(voucherClaims.voucherId, voucher.id))
      .orderBy(asc(voucherClaims.sessionDate), asc(voucherClaims.recordedAt));
    const refused = claimRefusal({ ...voucher, issuedOn: voucher.issuedAt.slice(0, 10) }, claims, {
      ...claim,
      pricePerSessionPence: provider?.pricePerSessionPence ?? 0,
      providerChosen: provider !== undefined,
    });
    if (refused) return refused;
    await db().insert(voucherClaims).values({
      id,
      voucherId: voucher.id,
      personId: who.person.id,
      providerId: provider!.id,
      sessions: claim.sessions,
      amountPence,
      sessionDate: claim.sessionDate,
      recordedBy: who.actor.id,
      recordedAt: new Date().toISOString(),
    });
    return null;
  });
  if (refusal) return { ok: false, reason: refusal };
  await audit({
    actorId: who.actor.id,
    personId: who.person.id,
    action: "voucher-claim",
    target: id,
    result: "ok",
    detail: { voucherId: voucher.id, providerId: provider!.id, sessions: claim.sessions, amountPence },
  });
  return { ok: true };
}

/** Every voucher, provider chosen and claim, for the person's own copy of what is held. */
// The person's own copy ("my data") asks these on every visit: built once per connection.
const issuedQuery = preparedQuery((d) =>
  d
    .select()
    .from(vouchers)
    .where(eq(vouchers.personId, sql.placeholder("personId")))
    .orderBy(asc(vouchers.issuedAt))
    .prepare(),
);
const choicesQuery = preparedQuery((d) =>
  d
    .select()
    .from(voucherProviders)
    .where(eq(voucherProviders.personId, sql.placeholder("personId")))
    .prepare(),
);
const claimsQuery = preparedQuery((d) =>
  d
    .select()
    .from(voucherClaims)
    .where(eq(voucherClaims.personId, sql.placeholder("personId")))
    .prepare(),
);

export async function voucherHistoryOf(personId: string) {
  const issued = await issuedQuery().execute({ personId });
  const choices = await choicesQuery().execute({ personId });
  const claims = await claimsQuery().execute({ personId });
  return issued.map((v) => ({
    treatment: v.treatment,
    sessions: v.sessions,
    valuePence: v.valuePence,
    expiresOn: v.expiresOn,
    issuedAt: v.issuedAt,
    providers: choices
      .filter((c) => c.voucherId === v.id)
      .map((c) => ({ providerId: c.providerId, chosenAt: c.chosenAt })),
    claims: claims
      .filter((c) => c.voucherId === v.id)
      .map((c) => ({
        providerId: c.providerId,
        sessions: c.sessions,
        amountPence: c.amountPence,
        sessionDate: c.sessionDate,
      })),
  }));
}
