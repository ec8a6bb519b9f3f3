import type { Relationship } from "./roles";

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
 * Who may do what, from DOMAIN.md "Who uses it". The single source: every loader and action asks
 * `mayActOnRecord`, none decides on its own.
 */
const PERMISSIONS: Record<string, readonly RecordAction[]> = {
  self: ["view-record", "edit-draft", "submit-plan", "manage-helpers", "download-data", "view-audit"],
  // Substitute decision-making (LPA, deputy, nominated person): may also submit, never change access.
  "representative:acting-for": ["view-record", "edit-draft", "submit-plan", "download-data", "view-audit"],
  // Supported decision-making: view and edit drafts only.
  "representative:supporting": ["view-record", "edit-draft"],
  "peer-broker": ["view-record", "edit-draft"],
  "lead-professional": ["view-record", "assess", "sign-off", "review"],
  // A professional in the same team sees nothing unless a plan is referred to the panel (sign-off issue).
  "team-member": [],
  none: [],
};

export function relationshipKey(relationship: Relationship): string {
  return relationship.kind === "representative" ? `representative:${relationship.authority}` : relationship.kind;
}

export function mayActOnRecord(relationship: Relationship, action: RecordAction): boolean {
  return PERMISSIONS[relationshipKey(relationship)]?.includes(action) ?? false;
}
