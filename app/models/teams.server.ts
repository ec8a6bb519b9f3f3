import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { randomUUID } from "node:crypto";
import { persons, teamCodes, teams, users } from "../../db/schema";
import { content } from "~/content/content.server";
import { mayLeadFor, mayLinkPerson, type StaffMember } from "~/domain/access";
import { TEAM_CODE_VALID_DAYS } from "~/domain/organisation";
import { db } from "~/lib/db.server";
import { hashToken, normaliseCode, shortCode } from "~/lib/tokens.server";
import { audit } from "./audit.server";
import { notifyWithEmail } from "./notifications.server";

/** Makes the teams table match content/teams.json (ids are kept; names follow the content). */
export function syncTeams(): void {
  const tx = db();
  for (const team of content().teams.teams) {
    tx.insert(teams)
      .values({ id: team.id, name: team.name.en })
      .onConflictDoUpdate({ target: teams.id, set: { name: team.name.en } })
      .run();
  }
}

export function isTeam(teamId: string): boolean {
  return content().teams.teams.some((t) => t.id === teamId);
}

/** The person chooses the team or service that supports them: their own act, audited. */
export function chooseTeam(
  personId: string,
  teamId: string,
  actorId: string,
  how: "sign-up" | "record" | "code",
): void {
  db().update(persons).set({ teamId, teamChosenAt: new Date().toISOString() }).where(eq(persons.id, personId)).run();
  audit({ actorId, personId, action: "choose-team", target: teamId, result: "ok", detail: { how } });
}

/** A code a team hands a person (on paper, by text) so they can choose the team themselves. */
export function createTeamCode(teamId: string, createdBy: string): { code: string; expiresAt: string } {
  const code = shortCode();
  const expiresAt = new Date(Date.now() + TEAM_CODE_VALID_DAYS * 24 * 3600 * 1000).toISOString();
  db()
    .insert(teamCodes)
    .values({ id: randomUUID(), teamId, codeHash: hashToken(normaliseCode(code)), createdBy, expiresAt })
    .run();
  audit({ actorId: createdBy, action: "make-team-code", target: teamId, result: "ok" });
  return { code, expiresAt };
}

/** Uses a team's code once. The team's id, or undefined for a code that is wrong, used or ended. */
export function useTeamCode(code: string): string | undefined {
  const hash = hashToken(normaliseCode(code));
  return db().transaction((tx) => {
    const row = tx.select().from(teamCodes).where(eq(teamCodes.codeHash, hash)).get();
    if (!row || row.usedAt || Date.parse(row.expiresAt) <= Date.now()) return undefined;
    const used = tx
      .update(teamCodes)
      .set({ usedAt: new Date().toISOString() })
      .where(and(eq(teamCodes.id, row.id), isNull(teamCodes.usedAt)))
      .run();
    return used.changes === 1 ? row.teamId : undefined;
  });
}

const lead = alias(users, "lead");

/** People who chose this team: those waiting for a lead professional (oldest first) and those linked. */
export function teamPeople(teamId: string) {
  const rows = db()
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
    .orderBy(asc(persons.teamChosenAt))
    .all();
  // Waiting: no lead professional, or one who has left or is not in this team.
  const waits = (r: (typeof rows)[number]) => !r.leadId || !r.leadActive || r.leadTeamId !== teamId;
  return { waiting: rows.filter(waits), linked: rows.filter((r) => !waits(r)) };
}

/** The team's lead professionals who can take people on. */
export function teamLeadProfessionals(teamId: string) {
  return db()
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.teamId, teamId), eq(users.role, "lead-professional"), isNull(users.deactivatedAt)))
    .orderBy(asc(users.name))
    .all();
}

export type LinkOutcome = "linked" | "refused";

/**
 * Links a person to a lead professional. Refused (and audited) unless the actor administers the
 * team the person chose and the professional is an active lead professional of that team.
 * The person and the old and new lead professionals are told.
 */
export function linkPerson(actor: StaffMember & { id: string }, personId: string, professionalId: string): LinkOutcome {
  const person = db().select().from(persons).where(eq(persons.id, personId)).get();
  const professional = db().select().from(users).where(eq(users.id, professionalId)).get();
  if (!person || !professional || !mayLinkPerson(actor, person) || !mayLeadFor(professional, person)) {
    audit({
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
  db()
    .update(persons)
    .set({ leadProfessionalId: professionalId, leadSince: new Date().toISOString() })
    .where(eq(persons.id, personId))
    .run();
  audit({ actorId: actor.id, personId, action: "link-lead-professional", target: professionalId, result: "ok" });
  const personUser = db().select({ name: users.name }).from(users).where(eq(users.id, person.userId)).get();
  notifyWithEmail(person.userId, "lead-linked", { name: professional.name }, `/people/${personId}`);
  notifyWithEmail(professionalId, "person-linked", { name: personUser?.name ?? "" }, `/people/${personId}`);
  if (previous && previous !== professionalId)
    notifyWithEmail(previous, "person-moved", { name: personUser?.name ?? "", to: professional.name }, "/home");
  return "linked";
}

/** The lead professional a person has, and since when (for the person's record). */
export function leadProfessionalOf(personId: string): { name: string; since: string | null } | undefined {
  const row = db()
    .select({ name: users.name, since: persons.leadSince })
    .from(persons)
    .innerJoin(users, eq(users.id, persons.leadProfessionalId))
    .where(and(eq(persons.id, personId), isNotNull(persons.leadProfessionalId)))
    .get();
  return row;
}
