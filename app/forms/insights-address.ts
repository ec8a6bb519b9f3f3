/**
 * The address's name for the part of the insights page shown: it travels with the period (the period
 * form is sent with GET) but is not part of it. A module of its own, so the browser's copy of the
 * insights page does not take the period's schema (and zod) with it.
 */
export const PART_FIELD = "part";
