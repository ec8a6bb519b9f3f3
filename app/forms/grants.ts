import { z } from "zod";
import { blankToUndefined, calendarDate, choice, requiredText } from "~/lib/forms";
import { pounds } from "./plan";

/** The few questions of a small grant: what for, how it helps, how much (the cap is content's, checked by the action). */
export const grantApplySchema = z.strictObject({
  purpose: requiredText(500, "grants:errors.purpose"),
  howItHelps: requiredText(1000, "grants:errors.howItHelps"),
  amount: pounds("grants:errors.amount").refine((p) => p > 0, "grants:errors.amount"),
});

/** The team's decision: grant (a sum up to what was asked) or decline, always with a reason. */
export const grantDecisionSchema = z
  .strictObject({
    intent: z.literal("decide"),
    decision: choice(["grant", "decline"] as const, "grants:errors.decision"),
    grantedAmount: z.preprocess(blankToUndefined, pounds("grants:errors.grantedAmount").optional()),
    reason: requiredText(1000, "grants:errors.reason"),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "grant" && (v.grantedAmount === undefined || v.grantedAmount <= 0))
      ctx.addIssue({ code: "custom", path: ["grantedAmount"], message: "grants:errors.grantedAmount" });
  });

/** A payment from a granted sum. */
export const grantSpendingSchema = z.strictObject({
  intent: z.literal("spend"),
  spentOn: calendarDate("grants:errors.date"),
  amount: pounds("grants:errors.spendAmount").refine((p) => p > 0, "grants:errors.spendAmount"),
  what: requiredText(300, "grants:errors.what"),
});
