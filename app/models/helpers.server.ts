import { and, eq, gt, isNull, type SQL } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { helpers, invitations, persons, users } from "../../db/schema";
import type { ActingForType, Authority } from "~/domain/roles";
import { db, firstRow, transaction, rowsChanged } from "~/lib/db.server";
import { hashToken, normaliseCode, shortCode } from "~/lib/tokens.server";
import { audit } from "./audit.server";
import { notify } from "./notifications.server";
import type { User } from "./users.server";

/** An invitation works once, for a week. */
export const INVITATION_DAYS = 7;

export type HelperKind = "representative" | "peer-broker";

export async function createInvitation(
  personId: string,
  kind: HelperKind,
  createdBy: User,
): Promise<{ id: string; code: string; expiresAt: string }> {
  const code = shortCode();
  const id = randomUUID();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000).toISOString();
  await db()
    .insert(invitations)
    .values({ id, personId, kind, codeHash: hashToken(normaliseCode(code)), createdBy: createdBy.id, expiresAt });
  await audit({ actorId: createdBy.id, personId, action: "invite-helper", target: id, result: "ok", detail: { kind } });
  return { id, code, expiresAt };
}

/** An invitation that can still be accepted: not used, not cancelled, not ended. */
async function openInvitation(match: SQL) {
  const row = await firstRow(
    db()
      .select({ invitation: invitations, personName: users.name, personUserId: persons.userId })
      .from(invitations)
      .innerJoin(persons, eq(persons.id, invitations.personId))
      .innerJoin(users, eq(users.id, persons.userId))
      .where(
        and(
          match,
          isNull(invitations.acceptedAt),
          isNull(invitations.cancelledAt),
          gt(invitations.expiresAt, new Date().toISOString()),
        ),
      ),
  );
  return row ? { ...row.invitation, personName: row.personName, personUserId: row.personUserId } : undefined;
}

/** The open invitation behind a code a person typed. */
export async function findOpenInvitation(code: string) {
  return await openInvitation(eq(invitations.codeHash, hashToken(normaliseCode(code))));
}

/** Accepts an invitation (by the code typed, or by its id once a sign-up has checked the code) for an account of the matching kind. False if it cannot be accepted. */
export async function acceptInvitation(which: { code: string } | { id: string }, user: User): Promise<boolean> {
  const invitation = await openInvitation(
    "code" in which ? eq(invitations.codeHash, hashToken(normaliseCode(which.code))) : eq(invitations.id, which.id),
  );
  if (!invitation || invitation.kind !== user.role || invitation.personUserId === user.id) return false;
  const accepted = await transaction(async () => {
    const claimed = await db()
      .update(invitations)
      .set({ acceptedAt: new Date().toISOString(), acceptedBy: user.id })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt)));
    if (rowsChanged(claimed) !== 1) return false;
    const existing = await firstRow(
      db()
        .select()
        .from(helpers)
        .where(
          and(eq(helpers.personId, invitation.personId), eq(helpers.helperUserId, user.id), isNull(helpers.removedAt)),
        ),
    );
    if (!existing)
      await db()
        .insert(helpers)
        .values({ id: randomUUID(), personId: invitation.personId, helperUserId: user.id, kind: invitation.kind });
    return true;
  });
  if (accepted) {
    await audit({
      actorId: user.id,
      personId: invitation.personId,
      action: "accept-invitation",
      target: invitation.id,
      result: "ok",
    });
    await notify(
      invitation.personUserId,
      "helper-joined",
      { name: user.name },
      `/people/${invitation.personId}/helpers`,
    );
  }
  return accepted;
}

export async function cancelInvitation(personId: string, invitationId: string, by: User): Promise<void> {
  await db()
    .update(invitations)
    .set({ cancelledAt: new Date().toISOString() })
    .where(and(eq(invitations.id, invitationId), eq(invitations.personId, personId), isNull(invitations.acceptedAt)));
  await audit({ actorId: by.id, personId, action: "cancel-invitation", target: invitationId, result: "ok" });
}

export async function openInvitations(personId: string) {
  return await db()
    .select({ id: invitations.id, kind: invitations.kind, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(
      and(
        eq(invitations.personId, personId),
        isNull(invitations.acceptedAt),
        isNull(invitations.cancelledAt),
        gt(invitations.expiresAt, new Date().toISOString()),
      ),
    );
}

/** The helpers a person has now (removed ones are kept in the table, not shown). */
export async function currentHelpers(personId: string) {
  return (
    await db()
      .select({ helper: helpers, name: users.name, email: users.email })
      .from(helpers)
      .innerJoin(users, eq(users.id, helpers.helperUserId))
      .where(and(eq(helpers.personId, personId), isNull(helpers.removedAt)))
  ).map((r) => ({ ...r.helper, name: r.name, email: r.email }));
}

/** The name of one of this person's helpers, removed or not (for a confirmation; never from the URL). */
export async function helperName(personId: string, helperId: string): Promise<string | undefined> {
  return (
    await firstRow(
      db()
        .select({ name: users.name })
        .from(helpers)
        .innerJoin(users, eq(users.id, helpers.helperUserId))
        .where(and(eq(helpers.id, helperId), eq(helpers.personId, personId))),
    )
  )?.name;
}

/** Records a representative's authority. Only the person may do this (checked by the caller). */
export async function recordAuthority(
  personId: string,
  helperId: string,
  authority: Authority,
  actingFor: { type?: ActingForType; reference?: string },
  by: User,
): Promise<boolean> {
  const values =
    authority === "acting-for"
      ? { authority, actingForType: actingFor.type ?? null, actingForReference: actingFor.reference ?? null }
      : { authority, actingForType: null, actingForReference: null };
  const result = await db()
    .update(helpers)
    .set(values)
    .where(
      and(
        eq(helpers.id, helperId),
        eq(helpers.personId, personId),
        eq(helpers.kind, "representative"),
        isNull(helpers.removedAt),
      ),
    );
  await audit({
    actorId: by.id,
    personId,
    action: "record-authority",
    target: helperId,
    result: rowsChanged(result) === 1 ? "ok" : "refused",
    detail: values,
  });
  return rowsChanged(result) === 1;
}

/** Takes effect at once: the helper's very next request is refused, because access is read from here. */
export async function removeHelper(
  personId: string,
  helperId: string,
  by: User,
): Promise<{ name: string; userId: string } | undefined> {
  const helper = (await currentHelpers(personId)).find((h) => h.id === helperId);
  if (!helper) return undefined;
  await db().update(helpers).set({ removedAt: new Date().toISOString() }).where(eq(helpers.id, helperId));
  await audit({ actorId: by.id, personId, action: "remove-helper", target: helperId, result: "ok" });
  await notify(helper.helperUserId, "helper-removed", {}, "/home");
  return { name: helper.name, userId: helper.helperUserId };
}

/** Helpers whose authority is not yet recorded, for the helper's own home page. */
export async function pendingFor(user: User) {
  return await db()
    .select({ personName: users.name })
    .from(helpers)
    .innerJoin(persons, eq(persons.id, helpers.personId))
    .innerJoin(users, eq(users.id, persons.userId))
    .where(
      and(
        eq(helpers.helperUserId, user.id),
        isNull(helpers.removedAt),
        isNull(helpers.authority),
        eq(helpers.kind, "representative"),
      ),
    );
}
