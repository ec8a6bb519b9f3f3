import { eq, inArray } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { helpers, persons, users } from "../../db/schema";
import type { Role } from "~/domain/roles";
import { db, firstRow } from "~/lib/db.server";
import { audit } from "./audit.server";
import { createAccount } from "./users.server";

/**
 * Made-up people for trying the portal. Seeded only when asked for (SEED_DEMO=1, which `npm start`
 * sets on this machine's own address) into an empty database; never in a real deployment.
 */
export const DEMO_PASSWORD = "try the portal slowly 2026";

// Published on purpose: a demo second factor a newcomer can use (`npm run demo-code -- EMAIL`).
export const DEMO_TOTP_SECRETS: Record<string, string> = {
  "jo.ahmed@example.org": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
  "chris.evans@example.org": "KRUGKIDROVUWG2ZAMJZG653OEBTG66BA",
  "morgan.lee@example.org": "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U",
  "priya.shah@example.org": "ONSWG4TFORZXI5LGMZSW4Y3FMRSGK3TU",
  "alex.kim@example.org": "MNXW24DMMV2GK3DZEBWWCZDFEB2XA2LO",
  "dana.okafor@example.org": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
};

/** The demo team (from content/teams.json) and another team, so that "not your team" can be tried. */
const DEMO_TEAM = "north-cmht";
const OTHER_TEAM = "south-cmht";

export interface DemoSignIn {
  role: Role;
  name: string;
  email: string;
  password: string;
  note?: string;
}

const ACCOUNTS: {
  name: string;
  email: string;
  role: Role;
  note?: string;
  isTeamAdmin?: boolean;
  onPanel?: boolean;
  team?: string;
}[] = [
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
    team: DEMO_TEAM,
    note: "team administrator; one-time code: npm run demo-code -- jo.ahmed@example.org",
  },
  {
    name: "Chris Evans",
    email: "chris.evans@example.org",
    role: "lead-professional",
    team: DEMO_TEAM,
    note: "one-time code: npm run demo-code -- chris.evans@example.org",
  },
  {
    name: "Alex Kim",
    email: "alex.kim@example.org",
    role: "panel-member",
    onPanel: true,
    team: DEMO_TEAM,
    note: "positive-risk panel, North team; one-time code: npm run demo-code -- alex.kim@example.org",
  },
  {
    name: "Priya Shah",
    email: "priya.shah@example.org",
    role: "lead-professional",
    isTeamAdmin: true,
    team: OTHER_TEAM,
    note: "team administrator, South team; one-time code: npm run demo-code -- priya.shah@example.org",
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

/** Whether any demo account (published password and second-factor secrets) is in the database. */
export async function hasDemoAccounts(): Promise<boolean> {
  const emails = ACCOUNTS.map((a) => a.email);
  return Boolean(
    await firstRow(db().select({ id: users.id }).from(users).where(inArray(users.email, emails)).limit(1)),
  );
}

/** Seeds the demo people if the database has no accounts yet. Returns whether it seeded. */
export async function seedDemoData(): Promise<boolean> {
  if (await firstRow(db().select({ id: users.id }).from(users).limit(1))) return false;
  const ids: Record<string, string> = {};
  const personIds: Record<string, string> = {};
  for (const a of ACCOUNTS) {
    const created = await createAccount({
      name: a.name,
      email: a.email,
      password: DEMO_PASSWORD,
      role: a.role,
      teamId: a.team ?? null,
      isTeamAdmin: a.isTeamAdmin ?? false,
      onPanel: a.onPanel ?? false,
      totpSecret: DEMO_TOTP_SECRETS[a.email] ?? null,
    });
    if (!created) throw new Error(`Demo account ${a.email} could not be made`);
    ids[a.email] = created.user.id;
    if (created.personId) personIds[a.email] = created.personId;
  }
  const asha = personIds["asha@example.org"]!;
  const tomasz = personIds["tomasz@example.org"]!;
  const now = new Date().toISOString();
  const linked = (leadProfessionalId: string) => ({
    leadProfessionalId,
    leadSince: now,
    teamId: DEMO_TEAM,
    teamChosenAt: now,
  });
  await db().update(persons).set(linked(ids["jo.ahmed@example.org"]!)).where(eq(persons.id, asha));
  await db().update(persons).set(linked(ids["chris.evans@example.org"]!)).where(eq(persons.id, tomasz));
  await db()
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
    ]);
  await audit({ actorId: null, action: "seed-demo-data", result: "ok" });
  return true;
}
