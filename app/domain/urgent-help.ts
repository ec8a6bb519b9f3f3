import type { SelfAnswer } from "./assessment";
import type { NeedAreaKey } from "~/domain/choices";

/** The need areas about safety: one's own, and other people's. */
export const SAFETY_AREAS: readonly NeedAreaKey[] = ["keeping-safe", "others-safety"];

/** A rating of 3 or 4 on a safety area: the person may not be safe, so urgent help is offered in place. */
export function mayNotBeSafe(area: string, rating: number | null | undefined): boolean {
  return (SAFETY_AREAS as readonly string[]).includes(area) && typeof rating === "number" && rating >= 3;
}

/** Whether any answer (the person's own, or one agreed with the lead professional) says they may not be safe. */
export function anySafetyConcern(
  answers: ReadonlyMap<string, SelfAnswer>,
  agreed: ReadonlyMap<string, { rating: number }> = new Map(),
): boolean {
  return SAFETY_AREAS.some(
    (area) => mayNotBeSafe(area, answers.get(area)?.rating) || mayNotBeSafe(area, agreed.get(area)?.rating),
  );
}
