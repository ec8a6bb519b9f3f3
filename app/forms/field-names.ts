import type { Criterion } from "~/domain/plan-criteria";

/**
 * How forms name their repeated fields: the one owner of each name, shared by the schemas
 * (app/forms/*.ts) and the pages that draw the fields. No zod here, so a page that draws a form
 * does not load the schemas' code with it (they load on the form's first use).
 */

/** The crisis plan's rows of people to contact. */
export const CRISIS_CONTACT_SLOTS = 3;

/** The field name of one part of a contact row. */
export function contactField(row: number, part: "name" | "howToReach"): string {
  return `contacts.${row}.${part}`;
}

/** The reflection's box for where the person is now on one outcome. */
export const ratingField = (outcomeId: string) => `now_${outcomeId}`;

/**
 * The review form's field names, nested: `criteria.<criterion>.met` and `.comment` for each of the six
 * criteria; `items.<n>.agreement` and `.adaptation` for the n-th item needing agreement (by its place in
 * itemsNeedingAgreement). The adaptation box says what changes, or why an item is not agreed.
 */
export const criterionField = (c: Criterion, part: "met" | "comment") => `criteria.${c}.${part}` as const;

export const itemField = (i: number, part: "agreement" | "adaptation") => `items.${i}.${part}` as const;

/** The most band rows the form offers (bands in use plus empty rows to add more). */
export const MAX_BAND_ROWS = 16;

export const bandField = (i: number, part: "From" | "To" | "Amount") => `band${i}${part}` as const;

export const weightField = (key: string) => `weight-${key}` as const;

export const shareField = (key: string) => `share-${key}` as const;

export const multiplierField = (answer: string) => `informal-${answer}` as const;
