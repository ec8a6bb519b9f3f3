import { z } from "zod";
import { calendarDate, requiredText, wholeNumber } from "~/lib/forms";
import { pounds } from "./plan";

/** The lead professional issues a voucher: which treatment, how many sessions, its value, until when. */
export const issueVoucherSchema = z.strictObject({
  intent: z.literal("issue"),
  treatment: requiredText(100, "vouchers:errors.treatment"),
  sessions: wholeNumber(1, 100, "vouchers:errors.sessions"),
  value: pounds("vouchers:errors.value").refine((p) => p > 0, "vouchers:errors.value"),
  expiresOn: calendarDate("vouchers:errors.expiresOn"),
});

/** The person chooses, or switches to, an accredited provider. */
export const chooseProviderSchema = z.strictObject({
  intent: z.literal("choose"),
  providerId: requiredText(100, "vouchers:errors.provider"),
});

/** The provider's claim: how many sessions, and the day of the last of them. */
export const voucherClaimSchema = z.strictObject({
  intent: z.literal("claim"),
  sessions: wholeNumber(1, 100, "vouchers:errors.claimSessions"),
  sessionDate: calendarDate("vouchers:errors.sessionDate"),
});
