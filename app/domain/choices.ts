import type { ManagementDetails } from "./plan";

/**
 * The fixed lists people choose from (need areas, ways to manage money, sources of help, how things
 * are paid): plain lists, no schema, so a page can offer them without loading the schemas' code.
 * The domain modules build their checks from these.
 */

/** The twelve need areas of the spec, in display order. The algorithm names two of them (step 7). */
export const NEED_AREA_KEYS = [
  "mood",
  "experiences",
  "keeping-safe",
  "others-safety",
  "substances",
  "thinking",
  "physical",
  "daily-living",
  "relationships",
  "activity",
  "housing",
  "caring",
] as const;

export type NeedAreaKey = (typeof NEED_AREA_KEYS)[number];

/** "How much of your day-to-day support comes from family and friends?" */
export const INFORMAL_SUPPORT = ["none", "a-little", "a-lot", "most"] as const;

export type InformalSupport = (typeof INFORMAL_SUPPORT)[number];

/** Tapered control (docs/domain-guide.md, "Managing the money"): the six ways a budget can be managed, most control first. */
export const MANAGEMENT_OPTIONS = [
  "direct-payment",
  "indirect-payment",
  "individual-trust",
  "community-brokerage",
  "individual-service-fund",
  "professionally-managed",
] as const;

export type Management = (typeof MANAGEMENT_OPTIONS)[number];

/** The five dimensions of real wealth (Personalisation in Mental Health, "real wealth"): the headings of stage 2. */
export const REAL_WEALTH = ["capacities", "connections", "access", "control", "resilience"] as const;

export type RealWealth = (typeof REAL_WEALTH)[number];

/** The whole-system sources of help (docs/domain-guide.md, "A good plan", criterion 3). */
export const SOURCES_OF_HELP = [
  "family-friends",
  "community",
  "personal-budget",
  "commissioned",
  "treatment",
  "crisis",
] as const;

export type SourceOfHelp = (typeof SOURCES_OF_HELP)[number];

export const MANAGEMENT_NEEDS = {
  "direct-payment": [],
  "indirect-payment": ["representative"],
  "individual-trust": ["trustees"],
  "community-brokerage": ["organisation"],
  "individual-service-fund": ["organisation"],
  "professionally-managed": ["managedBy"],
} as const satisfies Record<Management, readonly (keyof ManagementDetails)[]>;

/** How an item is paid for once it is arranged. */
export const HOW_PAID = ["my-account", "invoice", "voucher", "someone-else"] as const;

export type HowPaid = (typeof HOW_PAID)[number];

/** The two funding sources of an integrated personal budget (tracked funding: each part is followed). */
export const MONEY_SOURCES = ["nhs", "council"] as const;

export type MoneySource = (typeof MONEY_SOURCES)[number];

/** How a payment was made. */
export const PAYMENT_METHODS = ["card", "bank-transfer", "direct-debit", "cash", "cheque", "invoice", "other"] as const;

export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Who was paid, for the scheme's learning (the insights compare statutory and community providers). */
export const PROVIDER_SECTORS = ["community", "statutory"] as const;

export type ProviderSector = (typeof PROVIDER_SECTORS)[number];
