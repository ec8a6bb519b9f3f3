import { z } from "zod";
import { MONEY_SOURCES, PAYMENT_METHODS, PROVIDER_SECTORS } from "~/domain/choices";
import { DATE_ORDERS } from "~/domain/statement";
import { calendarDate, choice, optionalText, requiredText } from "~/lib/forms";
import { pounds } from "./plan";

/**
 * The forms of money after sign-off. One strict schema per form, shared by the action and the
 * browser; unknown fields are refused. Messages are i18n keys in the `money` namespace.
 */

/** A real day typed as yyyy-mm-dd (a date box gives this). */
const day = calendarDate("money:errors.date");
const amount = pounds("money:errors.amount").refine((p) => p > 0, "money:errors.amount");
const uuid = z.string({ error: "common:errors.unknownField" }).regex(/^[0-9a-f-]{36}$/, "common:errors.unknownField");

export const receivedFormSchema = z.strictObject({
  intent: z.literal("received"),
  date: day,
  amount,
  source: choice(MONEY_SOURCES, "money:errors.source"),
  note: optionalText(500),
});

export const paymentFormSchema = z.strictObject({
  intent: z.literal("payment"),
  date: day,
  amount,
  payee: requiredText(200, "money:errors.payee"),
  /** A plan item's id, or "not-in-plan". */
  itemId: z.string({ error: "money:errors.item" }).min(1, "money:errors.item").max(64),
  status: choice(["paid", "promised"] as const, "money:errors.status"),
  method: choice(PAYMENT_METHODS, "money:errors.method"),
  sector: choice(PROVIDER_SECTORS, "money:errors.sector"),
  note: optionalText(500),
});

export const correctFormSchema = z.strictObject({
  intent: z.literal("correct"),
  entryId: uuid,
  reason: requiredText(500, "money:errors.reason"),
});

export const settleFormSchema = z.strictObject({
  intent: z.literal("settle"),
  entryId: uuid,
});

export const shareFormSchema = z.strictObject({ intent: z.enum(["share", "unshare"]) });

export const contingencyAgreeFormSchema = z.strictObject({
  intent: z.literal("agree"),
  amount,
  whatFor: requiredText(500, "money:errors.whatFor"),
});

export const contingencyDrawFormSchema = z.strictObject({
  intent: z.literal("draw"),
  date: day,
  amount,
  payee: requiredText(200, "money:errors.payee"),
  note: optionalText(500),
});

export const mappingFormSchema = z.strictObject({
  intent: z.literal("map"),
  dateColumn: requiredText(100, "money:errors.column"),
  descriptionColumn: requiredText(100, "money:errors.column"),
  amountColumn: requiredText(100, "money:errors.column"),
  dateOrder: choice(DATE_ORDERS, "money:errors.dateOrder"),
});

/** One choice per statement line: "<line>:set-aside", "<line>:not-in-plan", "<line>:item:<id>" or "<line>:received:<source>". */
export const confirmFormSchema = z.strictObject({
  intent: z.literal("confirm"),
  choice: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(
        z
          .string()
          .regex(
            /^\d{1,6}:(set-aside|not-in-plan|item:[A-Za-z0-9-]{1,64}|received:(nhs|council))$/,
            "money:errors.choice",
          ),
      )
      .max(5000),
  ),
});

/** The receipt's file travels beside this form and is checked by its bytes on the server. */
export const receiptFormSchema = z.strictObject({
  intent: z.literal("receipt"),
  entryId: uuid,
});

/** The statement's file travels beside this form. */
export const statementUploadFormSchema = z.strictObject({ intent: z.literal("upload") });
