import { z } from "zod";
import { blankToUndefined, optionalText, requiredText, ticked, wholeNumber } from "~/lib/forms";

/** An amount typed in pounds ("12.50", "£1,200") as whole pence, without floating point. */
export const pounds = (message = "plan:errors.costInvalid") =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/[£,\s]/g, "") : v),
    z
      .string({ error: message })
      .regex(/^\d{1,7}(\.\d{1,2})?$/, message)
      .transform((s) => {
        const [whole, fraction = ""] = s.split(".");
        return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
      }),
  );

export const outcomeFormSchema = z.strictObject({
  intent: z.literal("add"),
  words: requiredText(1000, "plan:errors.outcomeRequired"),
  lifeAreaId: z.string({ error: "plan:errors.lifeAreaRequired" }).min(1, "plan:errors.lifeAreaRequired").max(64),
  now: wholeNumber(1, 10, "plan:errors.ratingRange"),
  hope: wholeNumber(1, 10, "plan:errors.ratingRange"),
});

/** Step one of adding support or treatment: what kind of thing it is (a menu entry, or something else). */
export const chooseItemKindSchema = z.strictObject({
  intent: z.literal("choose"),
  menuEntryId: z.string({ error: "plan:errors.kindRequired" }).min(1, "plan:errors.kindRequired").max(64),
});

/** Step two (and changing a saved item): the questions that kind needs. `entryId` names the item changed. */
export const itemFormSchema = z
  .strictObject({
    intent: z.enum(["add", "change"]),
    entryId: optionalText(64),
    what: requiredText(200, "plan:errors.itemWhatRequired"),
    menuEntryId: z.string({ error: "plan:errors.kindRequired" }).min(1, "plan:errors.kindRequired").max(64),
    somethingElse: optionalText(1000),
    provider: optionalText(200),
    providerId: optionalText(64),
    frequency: requiredText(200, "plan:errors.frequencyRequired"),
    unitCost: z.preprocess(blankToUndefined, pounds().optional()),
    unitsPerYear: wholeNumber(1, 10_000, "plan:errors.unitsInvalid"),
    outcomeIds: ticked(z.string().max(64)),
  })
  .superRefine((v, ctx) => {
    if (v.menuEntryId === "something-else" && !v.somethingElse)
      ctx.addIssue({ code: "custom", path: ["somethingElse"], message: "plan:errors.somethingElseRequired" });
  });

export const removeEntrySchema = z.strictObject({ intent: z.literal("remove"), entryId: z.string().min(1).max(64) });
