import { eq, inArray } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { persons, users } from "../../db/schema";
import type { Role } from "~/domain/roles";
import { db } from "~/lib/db.server";
import { hashPassword } from "~/lib/password.server";

export type User = typeof users.$inferSelect;

/** Roles that must give a one-time code at sign-in. */
export const SECOND_FACTOR_ROLES: readonly Role[] = ["lead-professional", "panel-member", "commissioner"];

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function findUserByEmail(email: string): User | undefined {
  return db()
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
}

export function findUser(id: string): User | undefined {
  return db().select().from(users).where(eq(users.id, id)).get();
}

export interface NewAccount {
  email: string;
  name: string;
  /** The password, or its hash when it was hashed earlier (a sign-up waiting for its email to be confirmed). */
  password: string | { hash: string };
  role: Role;
  teamId?: string | null;
  isTeamAdmin?: boolean;
  onPanel?: boolean;
  totpSecret?: string | null;
}

/** Creates an account; a person also gets their record. Returns undefined if the email is taken. */
export async function createAccount(account: NewAccount): Promise<{ user: User; personId: string | null } | undefined> {
  const passwordHash =
    typeof account.password === "string" ? await hashPassword(account.password) : account.password.hash;
  const id = randomUUID();
  const email = normaliseEmail(account.email);
  return db().transaction((tx) => {
    if (tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) return undefined;
    tx.insert(users)
      .values({
        id,
        email,
        name: account.name.trim(),
        role: account.role,
        passwordHash,
        teamId: account.teamId ?? null,
        isTeamAdmin: account.isTeamAdmin ?? false,
        onPanel: account.onPanel ?? false,
        totpSecret: account.totpSecret ?? null,
      })
      .run();
    let personId: string | null = null;
    if (account.role === "person") {
      personId = randomUUID();
      tx.insert(persons).values({ id: personId, userId: id }).run();
    }
    const user = tx.select().from(users).where(eq(users.id, id)).get()!;
    return { user, personId };
  });
}

export async function setPassword(userId: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  db().update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
}

/** Remembers the last accepted one-time-code step so the same code cannot be used twice. */
export function useTotpStep(userId: string, step: number): boolean {
  const result = db()
    .$client.prepare(
      "update users set totp_last_step = ? where id = ? and (totp_last_step is null or totp_last_step < ?)",
    )
    .run(step, userId, step);
  return result.changes === 1;
}

/** Names for a set of account ids (for audit and history lines). */
export function userNames(ids: string[]): Map<string, string> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = db().select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique)).all();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The name of a person's lead professional, or null when they are not linked yet. */
export function leadProfessionalNameOf(personId: string): string | null {
  const row = db()
    .select({ name: users.name })
    .from(persons)
    .innerJoin(users, eq(users.id, persons.leadProfessionalId))
    .where(eq(persons.id, personId))
    .get();
  return row?.name ?? null;
}
