import { z } from "zod";
import { yearlyCostPence, type Item, type Plan } from "~/domain/plan";
import { HOW_PAID } from "~/domain/choices";

/**
 * Stages 5 to 7 (docs/domain-guide.md, "The seven-stage cycle"): organising support, using it (with a log of changes) and reflecting.
 * These are kept beside the plan, not in it: the plan is what was agreed; these say what happened.
 * Strict schemas, messages are i18n keys in the `journey-ui` namespace. Money is integer pence.
 */

const INVALID = "journey-ui:errors.invalid";
const text = (max: number) => z.string({ error: INVALID }).trim().max(max, { error: "journey-ui:errors.tooLong" });

export const arrangementSchema = z.strictObject({
  itemId: text(64).min(1, { error: INVALID }),
  provider: text(200),
  /** A calendar date (yyyy-mm-dd) or empty while not known. */
  startDate: z.union([
    z.literal(""),
    z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "journey-ui:errors.dateInvalid" }),
  ]),
  howPaid: z.enum(HOW_PAID, { error: "journey-ui:errors.howPaidRequired" }).nullable(),
});
export type Arrangement = z.infer<typeof arrangementSchema>;
export const organisingSchema = z.array(arrangementSchema).max(100);

/** An arrangement is in place once it names who provides it, when it starts and how it is paid. */
export function isArranged(arrangement: Arrangement | undefined): boolean {
  return Boolean(arrangement && arrangement.provider && arrangement.startDate && arrangement.howPaid);
}

/** The lead professional's answer to a change that waited for them: agreed or not, always with a reason. */
export const changeDecisionSchema = z.strictObject({
  outcome: z.enum(["agreed", "not-agreed"]),
  reason: text(2000),
  by: text(64),
  at: text(40),
});

export const changeEntrySchema = z.strictObject({
  id: text(64),
  at: text(40),
  by: text(64),
  fromItemId: text(64),
  toItemId: text(64),
  /** What the person named the items at the time, so the log reads true after items change. */
  fromWhat: text(200),
  toWhat: text(200),
  amountPence: z.number().int().min(0),
  applied: z.boolean(),
  /** plan:change.* keys saying why it needs a new sign-off (empty when applied). */
  reasons: z.array(text(64)).max(10),
  /** A change that waited for the lead professional, once they have decided. */
  decision: changeDecisionSchema.optional(),
});
export type ChangeEntry = z.infer<typeof changeEntrySchema>;
export const changesSchema = z.array(changeEntrySchema).max(1000);

export const reflectionSchema = z.strictObject({
  working: text(2000),
  notWorking: text(2000),
  /** "Where I am now" again, for each outcome, 1 to 10. */
  ratings: z.array(z.strictObject({ outcomeId: text(64), now: z.number().int().min(1).max(10) })).max(30),
});
export type Reflection = z.infer<typeof reflectionSchema>;
export const emptyReflection = (): Reflection => ({ working: "", notWorking: "", ratings: [] });

/** A change request still waiting for the lead professional: not made at once, not decided yet. */
export function isWaiting(entry: ChangeEntry): boolean {
  return !entry.applied && !entry.decision;
}

/**
 * The plan as agreed so far: the signed-off plan with every change the lead professional has agreed
 * since, in order. Changes after sign-off are compared with this, so small moves add up from the
 * last agreement, and an agreed request does not count against the allowed share again.
 */
export function agreedPlan(signedOff: Plan, changes: readonly ChangeEntry[]): Plan {
  return changes
    .filter((entry) => entry.decision?.outcome === "agreed")
    .reduce((plan, entry) => {
      const moved = moveMoney(plan, entry.fromItemId, entry.toItemId, entry.amountPence);
      return moved.ok ? moved.plan : plan;
    }, signedOff);
}

/** Parses a stored stage record, falling back to empty if nothing (or something unreadable) is stored. */
export function readStage<T>(schema: z.ZodType<T>, stored: unknown, empty: T): T {
  const parsed = schema.safeParse(stored);
  return parsed.success ? parsed.data : empty;
}

/** One item's yearly cost changed by `delta` pence, keeping how often it happens where the sum divides evenly. */
function withYearly(item: Item, yearly: number): Item {
  if (yearly % item.unitsPerYear === 0)
    return { ...item, unitCostPence: yearly / item.unitsPerYear, yearlyCostPence: yearly };
  return { ...item, unitCostPence: yearly, unitsPerYear: 1, yearlyCostPence: yearly };
}

export type MoveRefusal =
  "journey-ui:errors.sameItem" | "journey-ui:errors.noSuchItem" | "journey-ui:errors.moreThanItem";

/** The plan with `amountPence` a year moved from one item to another; the rest is unchanged. */
export function moveMoney(
  plan: Plan,
  fromItemId: string,
  toItemId: string,
  amountPence: number,
): { ok: true; plan: Plan } | { ok: false; error: MoveRefusal } {
  if (fromItemId === toItemId) return { ok: false, error: "journey-ui:errors.sameItem" };
  const from = plan.items.find((item) => item.id === fromItemId);
  const to = plan.items.find((item) => item.id === toItemId);
  if (!from || !to) return { ok: false, error: "journey-ui:errors.noSuchItem" };
  if (amountPence > yearlyCostPence(from)) return { ok: false, error: "journey-ui:errors.moreThanItem" };
  const items = plan.items.map((item) =>
    item.id === from.id
      ? withYearly(item, yearlyCostPence(from) - amountPence)
      : item.id === to.id
        ? withYearly(item, yearlyCostPence(to) + amountPence)
        : item,
  );
  return { ok: true, plan: { ...plan, items } };
}
