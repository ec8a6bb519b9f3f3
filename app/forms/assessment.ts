import { z } from "zod";
import { INFORMAL_SUPPORT, NEED_AREA_KEYS } from "~/domain/choices";
import { requiredText } from "~/lib/forms";

/** One need area: a rating 0-4, or "I'd rather not say". */
export const needAreaAnswerSchema = z.strictObject({
  rating: z.enum(["0", "1", "2", "3", "4", "rather-not-say"], { error: "assessment:errors.chooseRating" }),
});

export const informalSchema = z.strictObject({
  informal: z.enum(INFORMAL_SUPPORT, { error: "assessment:errors.chooseInformal" }),
});

export const calculateSchema = z.strictObject({ intent: z.literal("calculate") });

export const agreeRatingSchema = z.strictObject({
  needArea: z.enum(NEED_AREA_KEYS, { error: "common:errors.chooseOne" }),
  rating: z.enum(["0", "1", "2", "3", "4"], { error: "common:errors.chooseOne" }),
  reason: requiredText(1000, "assessment:errors.reasonRequired"),
});
