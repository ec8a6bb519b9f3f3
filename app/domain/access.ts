import type { Authority, Role } from "./roles";

/**
 * How anyone stands towards one person's record: the one word every permission, transition and page
 * uses. Worked out from data by the access gate (app/server/access.server.ts); the domain only reads it.
 */
export const STANDINGS = [
  "self",
  "acting-for", // a representative with substitute decision-making authority (LPA, deputy, nominated person)
  "supporting", // a representative in supported decision-making
  "peer-broker",
  "lead-professional",
  "team-member", // a professional in the lead professional's team (a positive risk panel member)
  "none",
] as const;
export type Standing = (typeof STANDINGS)[number];

/** A representative's standing is their recorded authority. */
export function representativeStanding(authority: Authority): Standing {
  return authority;
}

/** Everything anyone can do to one person's record. */
export const RECORD_ACTIONS = [
  "view-record", // see the record: assessment, budget, plan, decisions
  "edit-draft", // change answers and draft plan sections
  "submit-plan", // send the plan for sign-off, with the person's consent
  "manage-helpers", // invite and remove representatives and peer brokers, record authority
  "download-data", // everything held about the person (subject access)
  "view-audit", // who has looked at or changed the record
  "assess", // record an agreed need rating
  "sign-off", // sign off, ask for changes, refer to the panel
  "review", // set and hold reviews
] as const;
export type RecordAction = (typeof RECORD_ACTIONS)[number];

/**
 * Who may do what, from docs/domain-guide.md, "Who uses it". The single source: every loader and action asks
 * `mayActOnRecord`, none decides on its own.
 */
const PERMISSIONS: Record<Standing, readonly RecordAction[]> = {
  self: ["view-record", "edit-draft", "submit-plan", "manage-helpers", "download-data", "view-audit"],
  // Substitute decision-making (LPA, deputy, nominated person): may also submit, never change access.
  "acting-for": ["view-record", "edit-draft", "submit-plan", "download-data", "view-audit"],
  // Supported decision-making: view and edit drafts only.
  supporting: ["view-record", "edit-draft"],
  "peer-broker": ["view-record", "edit-draft"],
  "lead-professional": ["view-record", "assess", "sign-off", "review"],
  // A professional in the same team sees nothing unless a plan is referred to the panel (sign-off issue).
  "team-member": [],
  none: [],
};

export function mayActOnRecord(standing: Standing, action: RecordAction): boolean {
  return PERMISSIONS[standing].includes(action);
}

/**
 * What staff may do beyond any one record (docs/domain-guide.md, "The organisation around the person"): the
 * scheme's and the teams' own work. Team administrators act within their own team only.
 */
export interface StaffMember {
  role: Role;
  isTeamAdmin: boolean;
}

/** Linking a person who chose a team to one of its lead professionals. */
export function mayLinkPeople(staff: StaffMember): boolean {
  return staff.role === "commissioner" || (staff.role === "lead-professional" && staff.isTeamAdmin);
}

/**
 * The scheme's rules (rule sets, calibration, the menu and providers, questions about a rule) are
 * run by commissioners, and only by them. Four eyes on publishing is the rule-set lifecycle's rule.
 */
export function mayRunScheme(role: Role): boolean {
  return role === "commissioner";
}
