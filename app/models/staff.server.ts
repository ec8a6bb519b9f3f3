import { and, asc, eq, gt, inArray, isNull } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { persons, plans, recoveryCodes, staffInvitations, users } from "../../db/schema";
import { accountForKind, INVITATION_VALID_HOURS, RECOVERY_CODE_COUNT, type StaffKind } from "~/domain/organisation";
import { publicUrl } from "~/lib/config.server";
import { db, firstRow, transaction, rowsChanged } from "~/lib/db.server";
import { generateTotpSecret } from "~/lib/totp.server";
import { hashToken, normaliseCode, randomToken, shortCode } from "~/lib/tokens.server";
import { audit } from "./audit.server";
import { emailWords, queueEmailTo } from "./outbox.server";
import { createAccount, normaliseEmail, type User } from "./users.server";

export type StaffInvitation = typeof staffInvitations.$inferSelect;

/** The address of an invitation link. The token is only in the emailed link, never stored. */
export function invitationLink(token: string): string {
  return new URL(`/join/${token}`, publicUrl()).href;
}

/**
 * Invites someone to join as staff: a single-use link valid 72 hours, sent through the outbox. The
 * email says only that there is an invitation, with the link: no names, no health details.
 */
export async function inviteStaff(input: {
  email: string;
  kind: StaffKind;
  teamId: string | null;
  createdBy: string | null;
}): Promise<{ link: string; expiresAt: string }> {
  const token = randomToken(32);
  const id = randomUUID();
  const expiresAt = new Date(Date.now() + INVITATION_VALID_HOURS * 3600 * 1000).toISOString();
  await db()
    .insert(staffInvitations)
    .values({
      id,
      email: normaliseEmail(input.email),
      kind: input.kind,
      teamId: input.teamId,
      tokenHash: hashToken(token),
      createdBy: input.createdBy,
      expiresAt,
    });
  await audit({
    actorId: input.createdBy,
    action: "invite-staff",
    target: id,
    result: "ok",
    detail: { kind: input.kind, teamId: input.teamId },
  });
  const link = invitationLink(token);
  const words = emailWords("staff", "email");
  await queueEmailTo(normaliseEmail(input.email), words.subject, `${words.body}\n\n${link}\n`);
  return { link, expiresAt };
}

/** An invitation that can still be used, by its token. Reading it changes nothing. */
export async function openInvitation(token: string): Promise<StaffInvitation | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  return await firstRow(
    db()
      .select()
      .from(staffInvitations)
      .where(
        and(
          eq(staffInvitations.tokenHash, hashToken(token)),
          isNull(staffInvitations.acceptedAt),
          gt(staffInvitations.expiresAt, new Date().toISOString()),
        ),
      ),
  );
}

/**
 * Exchanges an invitation's token for an account (once: the claim and the account are one
 * transaction). The account has no second factor yet; a pending secret is made for enrolment.
 */
export async function acceptStaffInvitation(
  token: string,
  input: { name: string; password: string },
): Promise<User | "used" | "email-taken"> {
  const invitation = await openInvitation(token);
  if (!invitation) return "used";
  const account = accountForKind(invitation.kind);
  const created = await createAccount({
    email: invitation.email,
    name: input.name,
    password: input.password,
    role: account.role,
    teamId: account.role === "commissioner" ? null : invitation.teamId,
    isTeamAdmin: account.isTeamAdmin,
    onPanel: account.onPanel,
  });
  if (!created) return "email-taken";
  const claimed = await db()
    .update(staffInvitations)
    .set({ acceptedAt: new Date().toISOString(), acceptedBy: created.user.id })
    .where(and(eq(staffInvitations.id, invitation.id), isNull(staffInvitations.acceptedAt)));
  if (rowsChanged(claimed) !== 1) {
    // Someone used the same link a moment earlier: this account never becomes usable.
    await db().update(users).set({ deactivatedAt: new Date().toISOString() }).where(eq(users.id, created.user.id));
    return "used";
  }
  await audit({ actorId: created.user.id, action: "accept-staff-invitation", target: invitation.id, result: "ok" });
  return await startEnrolment(created.user.id);
}

/** A fresh secret to enrol, kept aside until a current code confirms it. */
export async function startEnrolment(userId: string): Promise<User> {
  await db().update(users).set({ totpPendingSecret: generateTotpSecret() }).where(eq(users.id, userId));
  return (await firstRow(db().select().from(users).where(eq(users.id, userId))))!;
}

/**
 * The code confirmed the pending secret: it becomes the second factor, with ten new single-use
 * recovery codes (returned once, stored hashed; any older ones stop working).
 */
export async function completeEnrolment(userId: string, step: number): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => shortCode());
  await transaction(async () => {
    const user = (await firstRow(db().select().from(users).where(eq(users.id, userId))))!;
    await db()
      .update(users)
      .set({ totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpLastStep: step })
      .where(eq(users.id, userId));
    await db()
      .update(recoveryCodes)
      .set({ usedAt: new Date().toISOString() })
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
    for (const code of codes)
      await db()
        .insert(recoveryCodes)
        .values({ id: randomUUID(), userId, codeHash: hashToken(normaliseCode(code)) });
  });
  await audit({ actorId: userId, action: "enrol-second-factor", result: "ok" });
  return codes;
}

/** Uses one recovery code (once). True if it was one of this account's unused codes. */
export async function useRecoveryCode(userId: string, code: string): Promise<boolean> {
  const used = await db()
    .update(recoveryCodes)
    .set({ usedAt: new Date().toISOString() })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, hashToken(normaliseCode(code))),
        isNull(recoveryCodes.usedAt),
      ),
    );
  return rowsChanged(used) === 1;
}

/** A team's staff (or every team's, for a commissioner), with the team each is in. */
export async function staffOf(teamId: string | null) {
  const staffRoles = ["lead-professional", "panel-member", "commissioner"] as const;
  return (
    await db()
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        teamId: users.teamId,
        isTeamAdmin: users.isTeamAdmin,
        onPanel: users.onPanel,
        deactivatedAt: users.deactivatedAt,
        enrolled: users.totpSecret,
      })
      .from(users)
      .where(teamId ? and(eq(users.teamId, teamId), inArray(users.role, staffRoles)) : inArray(users.role, staffRoles))
      .orderBy(asc(users.name))
  ).map(({ enrolled, ...rest }) => ({ ...rest, enrolled: enrolled !== null }));
}

export async function pendingStaffInvitations(teamId: string | null) {
  const open = and(isNull(staffInvitations.acceptedAt), gt(staffInvitations.expiresAt, new Date().toISOString()));
  return await db()
    .select({
      id: staffInvitations.id,
      email: staffInvitations.email,
      kind: staffInvitations.kind,
      teamId: staffInvitations.teamId,
      expiresAt: staffInvitations.expiresAt,
    })
    .from(staffInvitations)
    .where(teamId ? and(open, eq(staffInvitations.teamId, teamId)) : open)
    .orderBy(asc(staffInvitations.createdAt));
}

/** Changes what a member of staff is in their team (audited by the caller's route). */
export async function setStaffStanding(
  userId: string,
  standing: { isTeamAdmin: boolean; onPanel: boolean },
): Promise<void> {
  await db().update(users).set(standing).where(eq(users.id, userId));
}

/** Deactivates an account: it cannot sign in again; its history and decisions keep its name. */
export async function deactivate(userId: string): Promise<void> {
  await db()
    .update(users)
    .set({ deactivatedAt: new Date().toISOString() })
    .where(and(eq(users.id, userId), isNull(users.deactivatedAt)));
}

/** The second factor is gone: the next sign-in with the password enrols a new one. */
export async function resetSecondFactor(userId: string): Promise<void> {
  await db().update(users).set({ totpSecret: null, totpPendingSecret: null }).where(eq(users.id, userId));
  await db()
    .update(recoveryCodes)
    .set({ usedAt: new Date().toISOString() })
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
}

/** The people a lead professional leads, and which of their plans wait for a decision: to reassign. */
export async function caseloadOf(userId: string) {
  return (
    await db()
      .select({ personId: persons.id, name: users.name, planState: plans.state })
      .from(persons)
      .innerJoin(users, eq(users.id, persons.userId))
      .leftJoin(plans, eq(plans.personId, persons.id))
      .where(eq(persons.leadProfessionalId, userId))
      .orderBy(asc(users.name))
  ).reduce<{ personId: string; name: string; waiting: boolean }[]>((list, row) => {
    const waiting = row.planState === "submitted" || row.planState === "referred-to-panel";
    const found = list.find((p) => p.personId === row.personId);
    if (found) found.waiting ||= waiting;
    else list.push({ personId: row.personId, name: row.name, waiting });
    return list;
  }, []);
}
