import { z } from "zod";
import { requiredText } from "~/lib/forms";

/** The lead professional places the person in a category of the rule set in force, saying why. */
export const placeInCategorySchema = z.strictObject({
  categoryId: requiredText(100, "categories:errors.chooseCategory"),
  reason: requiredText(1000, "categories:errors.reason"),
});

/** The person (or someone acting for them) asks for the placement to be looked at again, in their words. */
export const lookAgainSchema = z.strictObject({
  reason: requiredText(2000, "categories:errors.lookAgainReason"),
});
