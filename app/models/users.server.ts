import { and, eq, inArray, isNull, lt, or } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { persons, users } from "../../db/schema";
import type { Role } from "~/domain/roles";
import { db, firstRow, transaction, rowsChanged } from "~/lib/db.server";
import { hashPassword } from "~/lib/password.server";

export type User = typeof users.$inferSelect;

/** Roles that must give a one-time code at sign-in. */
export const SECOND_FACTOR_ROLES: readonly Role[] = ["lead-professional", "panel-member", "commissioner"];

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(email: string): Promise<User | undefined> {
  return await firstRow(
    db()
      .select()
      .from(users)
      .where(eq(users.email, normaliseEmail(email))),
  );
}

export async function findUser(id: string): Promise<User | undefined> {
  return await firstRow(db().select().from(users).where(eq(users.id, id)));
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
  return await transaction(async () => {
    if (await firstRow(db().select({ id: users.id }).from(users).where(eq(users.email, email)))) return undefined;
    await db()
      .insert(users)
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
      });
    let personId: string | null = null;
    if (account.role === "person") {
      personId = randomUUID();
      await db().insert(persons).values({ id: personId, userId: id });
    }
    const user = (await firstRow(db().select().from(users).where(eq(users.id, id))))!;
    return { user, personId };
  });
}

export async function setPassword(userId: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db().update(users).set({ passwordHash }).where(eq(users.id, userId));
}

/** Remembers the last accepted one-time-code step so the same code cannot be used twice. */
export async function useTotpStep(userId: string, step: number): Promise<boolean> {
  const result = await db()
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))));
  return rowsChanged(result) === 1;
}

/** Names for a set of account ids (for audit and history lines). */
export async function userNames(ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db().select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The name of a person's lead professional, or null when they are not linked yet. */
export async function leadProfessionalNameOf(personId: string): Promise<string | null> {
  const row = await firstRow(
    db()
      .select({ name: users.name })
      .from(persons)
      .innerJoin(users, eq(users.id, persons.leadProfessionalId))
      .where(eq(persons.id, personId)),
  );
  return row?.name ?? null;
}
