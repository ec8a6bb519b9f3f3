import type { Authority, Role } from "./roles";
import { mayDecideOnPlans } from "./workflow";

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
  "sign-off", // sign off, ask for changes, refer to the panel: who may is the workflow's (mayDecideOnPlans)
  "review", // set and hold reviews
  "record-money", // money received, payments, statements, receipts, corrections (see mayRecordMoney)
  "see-spending-detail", // payees, notes and receipts of each payment (see maySeeSpendingDetail)
  "agree-contingency", // record the crisis contingency agreed at sign-off
  "choose-team", // choose the team or service that supports the person (their own act)
  "place-in-category", // place the person in a category of the rule set in force, with a reason
  "ask-to-look-again", // ask for a category placement to be looked at again
  "apply-for-grant", // ask for a small grant
  "decide-grant", // grant or decline a small grant, with a reason
  "record-grant-spending", // record a payment from a granted small grant
  "issue-voucher", // issue a treatment voucher instead of money
  "choose-provider", // choose or switch the accredited provider of a voucher
  "record-voucher-claim", // record a provider's claim against a voucher
] as const;
export type RecordAction = (typeof RECORD_ACTIONS)[number];

/**
 * Who may do what, from docs/domain-guide.md, "Who uses it". The single source: every loader and action asks
 * `mayActOnRecord`, none decides on its own.
 */
const PERMISSIONS: Record<Standing, readonly RecordAction[]> = {
  self: [
    "view-record",
    "edit-draft",
    "submit-plan",
    "manage-helpers",
    "download-data",
    "view-audit",
    "record-money",
    "see-spending-detail",
    "choose-team",
    "ask-to-look-again",
    "apply-for-grant",
    "record-grant-spending",
    "choose-provider",
  ],
  // Substitute decision-making (LPA, deputy, nominated person): may also submit and handle the money, never change access.
  "acting-for": [
    "view-record",
    "edit-draft",
    "submit-plan",
    "download-data",
    "view-audit",
    "record-money",
    "see-spending-detail",
    "choose-team",
    "ask-to-look-again",
    "apply-for-grant",
    "record-grant-spending",
    "choose-provider",
  ],
  // Supported decision-making: view and edit drafts only.
  supporting: ["view-record", "edit-draft"],
  "peer-broker": ["view-record", "edit-draft"],
  // Records money only where an organisation holds it, sees payees only when shared (below).
  "lead-professional": [
    "view-record",
    "assess",
    "review",
    "record-money",
    "agree-contingency",
    "place-in-category",
    "decide-grant",
    "issue-voucher",
    "record-voucher-claim",
  ],
  // A panel member of the person's team, only while the plan is referred (standingOf): the review and the
  // decision, which the workflow grants (mayDecideOnPlans); nothing else.
  "team-member": [],
  none: [],
};

export function mayActOnRecord(standing: Standing, action: RecordAction): boolean {
  // One owner for who decides on plans: the state machine's decision rows (workflow.ts).
  if (action === "sign-off") return mayDecideOnPlans(standing);
  return PERMISSIONS[standing].includes(action);
}

// --- The organisation: who may link people, run a team's staff, sit on a panel ---

/**
 * What staff may do beyond any one record (docs/domain-guide.md, "The organisation around the person"): the
 * scheme's and the teams' own work. Team administrators act within their own team only.
 */
export interface StaffMember {
  role: Role;
  teamId: string | null;
  isTeamAdmin: boolean;
  onPanel: boolean;
  deactivatedAt: string | null;
}

function active(actor: StaffMember): boolean {
  return actor.deactivatedAt === null;
}

/** A team administrator of this team (a lead professional who runs it). */
export function isAdministratorOf(actor: StaffMember, teamId: string | null): boolean {
  return (
    active(actor) &&
    actor.role === "lead-professional" &&
    actor.isTeamAdmin &&
    teamId !== null &&
    actor.teamId === teamId
  );
}

/**
 * Linking a person to a lead professional: only a team administrator, only within their own team,
 * and only for a person who chose that team. Commissioners never see people, so they do not link.
 */
export function mayLinkPerson(actor: StaffMember, person: { teamId: string | null }): boolean {
  return isAdministratorOf(actor, person.teamId);
}

/** Who can be a person's lead professional: an active lead professional of the person's team. */
export function mayLeadFor(professional: StaffMember, person: { teamId: string | null }): boolean {
  return (
    active(professional) &&
    professional.role === "lead-professional" &&
    person.teamId !== null &&
    professional.teamId === person.teamId
  );
}

/**
 * Sitting on the positive-risk panel for a person: an active panel member of the person's own team.
 * They see the plan only while it is referred (access.server's standingOf asks the plan's state).
 */
export function maySitOnPanelFor(staff: StaffMember, person: { teamId: string | null }): boolean {
  return active(staff) && staff.onPanel && person.teamId !== null && staff.teamId === person.teamId;
}

/** A panel member's list of referred plans: anyone on a team's panel. */
export function isOnPanel(staff: StaffMember): boolean {
  return active(staff) && staff.onPanel && staff.teamId !== null;
}

/** Seeing and changing a team's staff (invite, roles, panel, deactivate, reset a second factor). */
export function mayManageStaff(actor: StaffMember, teamId: string | null): boolean {
  if (!active(actor)) return false;
  if (actor.role === "commissioner") return true;
  return isAdministratorOf(actor, teamId);
}

/** Inviting: a team administrator for their own team (never a commissioner); a commissioner anything. */
export function mayInvite(actor: StaffMember, kind: string, teamId: string | null): boolean {
  if (!active(actor)) return false;
  if (actor.role === "commissioner") return kind === "commissioner" ? teamId === null : teamId !== null;
  return kind !== "commissioner" && isAdministratorOf(actor, teamId);
}

/**
 * Who sees what the scheme learns (anonymised figures, never a record): a commissioner sees every
 * team, a team administrator their own team, nobody else anything.
 */
export type InsightsReach = "all-teams" | "own-team";

export function insightsReachOf(staff: StaffMember): InsightsReach | null {
  if (staff.role === "commissioner") return "all-teams";
  if (staff.role === "lead-professional" && staff.isTeamAdmin) return "own-team";
  return null;
}

/** Ways of managing the budget in which an organisation holds the money and its statements (docs/domain-guide.md, "Managing the money"). */
const HELD_BY_ORGANISATION: readonly string[] = ["individual-service-fund", "professionally-managed"];

/**
 * Who records the money: the person (or someone acting for them) when it comes to them; the lead
 * professional, from the organisation's statements, when an individual service fund or a
 * professionally managed fund holds it.
 */
export function mayRecordMoney(standing: Standing, management: string | null): boolean {
  if (!mayActOnRecord(standing, "record-money")) return false;
  const held = management !== null && HELD_BY_ORGANISATION.includes(management);
  return standing === "lead-professional" ? held : !held;
}

/**
 * Payees, notes and receipts: the person and whoever handles the money with them; the lead
 * professional only where the person shares them, or while the plan is at its stage 7 review.
 */
export function maySeeSpendingDetail(
  standing: Standing,
  situation: { sharedWithLead: boolean; inReview: boolean; management: string | null },
): boolean {
  if (mayActOnRecord(standing, "see-spending-detail")) return true;
  if (standing !== "lead-professional") return false;
  return situation.sharedWithLead || situation.inReview || mayRecordMoney(standing, situation.management);
}

/**
 * The scheme's rules (rule sets, calibration, the menu and providers, questions about a rule) are
 * run by commissioners, and only by them. Four eyes on publishing is the rule-set lifecycle's rule.
 */
export function mayRunScheme(role: Role): boolean {
  return role === "commissioner";
}
