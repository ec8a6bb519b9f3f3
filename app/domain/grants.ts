import { z } from "zod";
import { parseCalendarDate, toIsoDate } from "./dates";

/**
 * Small grants (docs/domain-guide.md, "Other forms of funding"; "Small Sparks"): a small sum for a modest community purpose,
 * for people below the threshold of a personal budget (or anyone, if the scheme says so). The
 * person asks in a few questions; the team answers within the time content/grants.json states, with a
 * decision and its reason; a granted sum is spent like a small budget. Money in integer pence.
 */

export const GRANT_OPEN_TO = ["below-threshold", "anyone"] as const;
export type GrantOpenTo = (typeof GRANT_OPEN_TO)[number];

/** content/grants.json: the scheme's own figures. */
export const grantRulesSchema = z
  .object({
    translationStatus: z.string().optional(),
    /** The most a person may ask for, in whole pounds. */
    capPounds: z.number().int().min(1).max(100_000),
    /** The team answers within this many days of the request. */
    answerWithinDays: z.number().int().min(1).max(90),
    /** Who may apply: people whose budget is below the threshold, or anyone. */
    openTo: z.enum(GRANT_OPEN_TO),
  })
  .strict();
export type GrantRules = z.infer<typeof grantRulesSchema>;

/** A grant's life: asked, then granted or declined once, with a reason. */
export const GRANT_STATES = ["asked", "granted", "declined"] as const;
export type GrantState = (typeof GRANT_STATES)[number];
export type GrantDecision = "grant" | "decline";

export type GrantStep = { ok: true; next: GrantState } | { ok: false; reason: "already-decided" | "amount" };

/**
 * The one place a grant changes state. A grant is decided once; a sum granted is above £0 and no
 * more than was asked for.
 */
export function grantTransition(
  state: GrantState,
  decision: GrantDecision,
  amounts: { askedPence: number; grantedPence?: number },
): GrantStep {
  if (state !== "asked") return { ok: false, reason: "already-decided" };
  if (decision === "decline") return { ok: true, next: "declined" };
  const granted = amounts.grantedPence;
  if (granted === undefined || !Number.isInteger(granted) || granted <= 0 || granted > amounts.askedPence)
    return { ok: false, reason: "amount" };
  return { ok: true, next: "granted" };
}

/**
 * Who may apply: anyone, or (the usual rule) someone whose budget has been worked out and is below
 * the threshold, so the indicative budget is not open to them.
 */
export function mayApplyForGrant(rules: GrantRules, judged: { eligible: boolean } | undefined): boolean {
  if (rules.openTo === "anyone") return true;
  return judged !== undefined && !judged.eligible;
}

/** The amount asked for fits the cap (whole pence, above £0). */
export function withinCap(rules: GrantRules, askedPence: number): boolean {
  return Number.isInteger(askedPence) && askedPence > 0 && askedPence <= rules.capPounds * 100;
}

/** The day by which the team answers: the day asked plus the days content states. */
export function answerBy(askedOn: string, rules: GrantRules): string {
  const day = parseCalendarDate(askedOn.slice(0, 10));
  if (!day) throw new Error(`Not a date: ${askedOn}`);
  day.setUTCDate(day.getUTCDate() + rules.answerWithinDays);
  return toIsoDate(day);
}

/** What is left of a granted sum after what has been spent from it (never below zero: spending is checked). */
export function grantLeft(grantedPence: number, spentPence: readonly number[]): number {
  return grantedPence - spentPence.reduce((sum, p) => sum + p, 0);
}

/** A payment from the grant: above £0 and no more than is left. */
export function maySpendFromGrant(leftPence: number, amountPence: number): boolean {
  return Number.isInteger(amountPence) && amountPence > 0 && amountPence <= leftPence;
}
