import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { randomUUID } from "node:crypto";
import { persons, teamCodes, teams, users } from "../../db/schema";
import { content } from "~/content/content.server";
import { mayLeadFor, mayLinkPerson, type StaffMember } from "~/domain/access";
import { TEAM_CODE_VALID_DAYS } from "~/domain/organisation";
import { db, firstRow, transaction, rowsChanged } from "~/lib/db.server";
import { hashToken, normaliseCode, shortCode } from "~/lib/tokens.server";
import { audit } from "./audit.server";
import { notifyWithEmail } from "./notifications.server";

/** Makes the teams table match content/teams.json (ids are kept; names follow the content). */
export async function syncTeams(): Promise<void> {
  for (const team of content().teams.teams) {
    await db()
      .insert(teams)
      .values({ id: team.id, name: team.name.en })
      .onConflictDoUpdate({ target: teams.id, set: { name: team.name.en } });
  }
}

export function isTeam(teamId: string): boolean {
  return content().teams.teams.some((t) => t.id === teamId);
}

/** The person chooses the team or service that supports them: their own act, audited. */
export async function chooseTeam(
  personId: string,
  teamId: string,
  actorId: string,
  how: "sign-up" | "record" | "code",
): Promise<void> {
  await db().update(persons).set({ teamId, teamChosenAt: new Date().toISOString() }).where(eq(persons.id, personId));
  await audit({ actorId, personId, action: "choose-team", target: teamId, result: "ok", detail: { how } });
}

/** A code a team hands a person (on paper, by text) so they can choose the team themselves. */
export async function createTeamCode(teamId: string, createdBy: string): Promise<{ code: string; expiresAt: string }> {
  const code = shortCode();
  const expiresAt = new Date(Date.now() + TEAM_CODE_VALID_DAYS * 24 * 3600 * 1000).toISOString();
  await db()
    .insert(teamCodes)
    .values({ id: randomUUID(), teamId, codeHash: hashToken(normaliseCode(code)), createdBy, expiresAt });
  await audit({ actorId: createdBy, action: "make-team-code", target: teamId, result: "ok" });
  return { code, expiresAt };
}

/** Uses a team's code once. The team's id, or undefined for a code that is wrong, used or ended. */
export async function useTeamCode(code: string): Promise<string | undefined> {
  const hash = hashToken(normaliseCode(code));
  return await transaction(async () => {
    const row = await firstRow(db().select().from(teamCodes).where(eq(teamCodes.codeHash, hash)));
    if (!row || row.usedAt || Date.parse(row.expiresAt) <= Date.now()) return undefined;
    const used = await db()
      .update(teamCodes)
      .set({ usedAt: new Date().toISOString() })
      .where(and(eq(teamCodes.id, row.id), isNull(teamCodes.usedAt)));
    return rowsChanged(used) === 1 ? row.teamId : undefined;
  });
}

const lead = alias(users, "lead");

/** People who chose this team: those waiting for a lead professional (oldest first) and those linked. */
export async function teamPeople(teamId: string) {
  const rows = await db()
    .select({
      personId: persons.id,
      name: users.name,
      teamChosenAt: persons.teamChosenAt,
      leadId: persons.leadProfessionalId,
      leadName: lead.name,
      leadActive: isNull(lead.deactivatedAt),
      leadTeamId: lead.teamId,
      leadSince: persons.leadSince,
    })
    .from(persons)
    .innerJoin(users, eq(users.id, persons.userId))
    .leftJoin(lead, eq(lead.id, persons.leadProfessionalId))
    .where(eq(persons.teamId, teamId))
    .orderBy(asc(persons.teamChosenAt));
  // Waiting: no lead professional, or one who has left or is not in this team.
  const waits = (r: (typeof rows)[number]) => !r.leadId || !r.leadActive || r.leadTeamId !== teamId;
  return { waiting: rows.filter(waits), linked: rows.filter((r) => !waits(r)) };
}

/** The team's lead professionals who can take people on. */
export async function teamLeadProfessionals(teamId: string) {
  return await db()
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.teamId, teamId), eq(users.role, "lead-professional"), isNull(users.deactivatedAt)))
    .orderBy(asc(users.name));
}

export type LinkOutcome = "linked" | "refused";

/**
 * Links a person to a lead professional. Refused (and audited) unless the actor administers the
 * team the person chose and the professional is an active lead professional of that team.
 * The person and the old and new lead professionals are told.
 */
export async function linkPerson(
  actor: StaffMember & { id: string },
  personId: string,
  professionalId: string,
): Promise<LinkOutcome> {
  const person = await firstRow(db().select().from(persons).where(eq(persons.id, personId)));
  const professional = await firstRow(db().select().from(users).where(eq(users.id, professionalId)));
  if (!person || !professional || !mayLinkPerson(actor, person) || !mayLeadFor(professional, person)) {
    await audit({
      actorId: actor.id,
      personId: person ? person.id : null,
      action: "link-lead-professional",
      target: professionalId,
      result: "refused",
    });
    return "refused";
  }
  const previous = person.leadProfessionalId;
  if (previous === professionalId) return "linked";
  await db()
    .update(persons)
    .set({ leadProfessionalId: professionalId, leadSince: new Date().toISOString() })
    .where(eq(persons.id, personId));
  await audit({ actorId: actor.id, personId, action: "link-lead-professional", target: professionalId, result: "ok" });
  const personUser = await firstRow(db().select({ name: users.name }).from(users).where(eq(users.id, person.userId)));
  await notifyWithEmail(person.userId, "lead-linked", { name: professional.name }, `/people/${personId}`);
  await notifyWithEmail(professionalId, "person-linked", { name: personUser?.name ?? "" }, `/people/${personId}`);
  if (previous && previous !== professionalId)
    await notifyWithEmail(previous, "person-moved", { name: personUser?.name ?? "", to: professional.name }, "/home");
  return "linked";
}

/** The lead professional a person has, and since when (for the person's record). */
export async function leadProfessionalOf(
  personId: string,
): Promise<{ name: string; since: string | null } | undefined> {
  const row = await firstRow(
    db()
      .select({ name: users.name, since: persons.leadSince })
      .from(persons)
      .innerJoin(users, eq(users.id, persons.leadProfessionalId))
      .where(and(eq(persons.id, personId), isNotNull(persons.leadProfessionalId))),
  );
  return row;
}
