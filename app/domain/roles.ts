/** The people who use the portal (docs/domain-guide.md, "Who uses it"). */
export const ROLES = [
  "person",
  "representative",
  "peer-broker",
  "lead-professional",
  "panel-member",
  "commissioner",
] as const;
export type Role = (typeof ROLES)[number];

/** A representative's recorded authority. Never assumed. */
export const AUTHORITIES = ["supporting", "acting-for"] as const;
export type Authority = (typeof AUTHORITIES)[number];

/** The legal basis of "acting for". */
export const ACTING_FOR_TYPES = ["lpa-health-welfare", "deputy", "nominated-person"] as const;
export type ActingForType = (typeof ACTING_FOR_TYPES)[number];
