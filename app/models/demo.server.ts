import { eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { helpers, persons, teams, users } from "../../db/schema";
import type { Role } from "~/domain/roles";
import { db } from "~/lib/db.server";
import { audit } from "./audit.server";
import { createAccount } from "./users.server";

/** Made-up people for trying the portal. Seeded only into an empty database. */
export const DEMO_PASSWORD = "try the portal slowly 2026";

// Published on purpose: a demo second factor a newcomer can use (`npm run demo-code -- EMAIL`).
export const DEMO_TOTP_SECRETS: Record<string, string> = {
  "jo.ahmed@example.org": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
  "chris.evans@example.org": "KRUGKIDROVUWG2ZAMJZG653OEBTG66BA",
  "morgan.lee@example.org": "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U",
  "dana.okafor@example.org": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
};

export interface DemoSignIn {
  role: Role;
  name: string;
  email: string;
  password: string;
  note?: string;
}

const ACCOUNTS: { name: string; email: string; role: Role; note?: string; isTeamAdmin?: boolean }[] = [
  {
    name: "Asha Patel",
    email: "asha@example.org",
    role: "person",
    note: "Ravi acts for her; Sam is her peer broker; lead professional Jo",
  },
  {
    name: "Tomasz Nowak",
    email: "tomasz@example.org",
    role: "person",
    note: "Sam is his peer broker; lead professional Chris",
  },
  {
    name: "Ravi Patel",
    email: "ravi@example.org",
    role: "representative",
    note: "acts for Asha (Lasting Power of Attorney, health and welfare)",
  },
  { name: "Sam Brooks", email: "sam@example.org", role: "peer-broker", note: "peer broker for Asha and Tomasz" },
  {
    name: "Jo Ahmed",
    email: "jo.ahmed@example.org",
    role: "lead-professional",
    isTeamAdmin: true,
    note: "one-time code: npm run demo-code -- jo.ahmed@example.org",
  },
  {
    name: "Chris Evans",
    email: "chris.evans@example.org",
    role: "lead-professional",
    note: "one-time code: npm run demo-code -- chris.evans@example.org",
  },
  {
    name: "Morgan Lee",
    email: "morgan.lee@example.org",
    role: "commissioner",
    note: "one-time code: npm run demo-code -- morgan.lee@example.org",
  },
  {
    // A second commissioner: publishing a rule set needs another commissioner's approval (four eyes).
    name: "Dana Okafor",
    email: "dana.okafor@example.org",
    role: "commissioner",
    note: "approves rule sets Morgan makes; one-time code: npm run demo-code -- dana.okafor@example.org",
  },
];

export function demoSignIns(): DemoSignIn[] {
  return ACCOUNTS.map((a) => ({ role: a.role, name: a.name, email: a.email, password: DEMO_PASSWORD, note: a.note }));
}

/** Seeds the demo people if the database has no accounts yet. Returns whether it seeded. */
export async function seedDemoData(): Promise<boolean> {
  if (db().select({ id: users.id }).from(users).limit(1).get()) return false;
  const teamId = randomUUID();
  db().insert(teams).values({ id: teamId, name: "North Community Mental Health Team (example)" }).run();
  const ids: Record<string, string> = {};
  const personIds: Record<string, string> = {};
  for (const a of ACCOUNTS) {
    const professional = a.role === "lead-professional";
    const created = await createAccount({
      name: a.name,
      email: a.email,
      password: DEMO_PASSWORD,
      role: a.role,
      teamId: professional ? teamId : null,
      isTeamAdmin: a.isTeamAdmin ?? false,
      totpSecret: DEMO_TOTP_SECRETS[a.email] ?? null,
    });
    if (!created) throw new Error(`Demo account ${a.email} could not be made`);
    ids[a.email] = created.user.id;
    if (created.personId) personIds[a.email] = created.personId;
  }
  const asha = personIds["asha@example.org"]!;
  const tomasz = personIds["tomasz@example.org"]!;
  db().update(persons).set({ leadProfessionalId: ids["jo.ahmed@example.org"]! }).where(eq(persons.id, asha)).run();
  db().update(persons).set({ leadProfessionalId: ids["chris.evans@example.org"]! }).where(eq(persons.id, tomasz)).run();
  db()
    .insert(helpers)
    .values([
      {
        id: randomUUID(),
        personId: asha,
        helperUserId: ids["ravi@example.org"]!,
        kind: "representative",
        authority: "acting-for",
        actingForType: "lpa-health-welfare",
        actingForReference: "LPA-EXAMPLE-0001",
      },
      { id: randomUUID(), personId: asha, helperUserId: ids["sam@example.org"]!, kind: "peer-broker" },
      { id: randomUUID(), personId: tomasz, helperUserId: ids["sam@example.org"]!, kind: "peer-broker" },
    ])
    .run();
  audit({ actorId: null, action: "seed-demo-data", result: "ok" });
  return true;
}
