import { z } from "zod";
import { localizedText } from "./localized";

/**
 * The organisation around the person (docs/domain-guide.md, "The organisation around the person"): teams people choose, staff who join by invitation
 * with a second factor, and the rules about invitations and codes. Who may do what is in access.ts.
 */

/** content/teams.json: the teams and services a person can choose. Ids are stable slugs. */
export const teamsFileSchema = z
  .object({
    translationStatus: z.string().min(1),
    teams: z
      .array(
        z
          .object({ id: z.string().regex(/^[a-z][a-z0-9-]*$/), name: localizedText, description: localizedText })
          .strict(),
      )
      .min(1),
  })
  .strict()
  .refine((f) => new Set(f.teams.map((t) => t.id)).size === f.teams.length, "team ids must be unique");

/** What an invitation makes someone. A team administrator is a lead professional who runs the team. */
export const STAFF_KINDS = ["lead-professional", "panel-member", "team-administrator", "commissioner"] as const;
export type StaffKind = (typeof STAFF_KINDS)[number];

/** An emailed invitation link works once, for this long. */
export const INVITATION_VALID_HOURS = 72;
/** A code a team hands a person works once, for this long. */
export const TEAM_CODE_VALID_DAYS = 28;
/** How many single-use recovery codes a second factor comes with. */
export const RECOVERY_CODE_COUNT = 10;

/** The account an invitation of this kind makes. */
export function accountForKind(kind: StaffKind): {
  role: "lead-professional" | "panel-member" | "commissioner";
  isTeamAdmin: boolean;
  onPanel: boolean;
} {
  switch (kind) {
    case "team-administrator":
      return { role: "lead-professional", isTeamAdmin: true, onPanel: false };
    case "panel-member":
      return { role: "panel-member", isTeamAdmin: false, onPanel: true };
    case "commissioner":
      return { role: "commissioner", isTeamAdmin: false, onPanel: false };
    default:
      return { role: "lead-professional", isTeamAdmin: false, onPanel: false };
  }
}
