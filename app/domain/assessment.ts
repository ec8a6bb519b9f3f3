import { NEED_AREA_KEYS, type InformalSupport, type NeedAreaKey } from "~/domain/choices";

/** What the person said about one need area. `null` rating = "I'd rather not say" (counts as 0). */
export interface SelfAnswer {
  rating: number | null;
  answeredBy: string;
}

export interface AgreedRating {
  rating: number;
  reason: string;
  agreedBy: string;
  agreedAt: string;
}

/** One input to a budget calculation, with where it came from (spec: "every input with its source"). */
export interface RatingInput {
  area: NeedAreaKey;
  rating: number;
  source: "self" | "agreed" | "rather-not-say";
  selfRating: number | null;
  answeredBy?: string;
  agreedBy?: string;
  reason?: string;
}

/** Every need area answered (a "rather not say" counts as an answer) and the informal question too. */
export function assessmentComplete(
  answers: ReadonlyMap<string, SelfAnswer>,
  informal: InformalSupport | null,
): boolean {
  return informal !== null && NEED_AREA_KEYS.every((key) => answers.has(key));
}

/** The next need area without an answer, in the order they are asked; undefined when all are answered. */
export function nextUnanswered(answers: ReadonlyMap<string, SelfAnswer>, after?: NeedAreaKey): NeedAreaKey | undefined {
  const start = after ? NEED_AREA_KEYS.indexOf(after) + 1 : 0;
  return (
    NEED_AREA_KEYS.slice(start).find((key) => !answers.has(key)) ??
    (after ? NEED_AREA_KEYS.slice(0, start).find((key) => !answers.has(key)) : undefined)
  );
}

/**
 * The ratings a calculation uses. With `useAgreed`, an agreed rating replaces the person's own;
 * both are kept in the record so both can always be shown.
 */
export function ratingInputs(
  answers: ReadonlyMap<string, SelfAnswer>,
  agreed: ReadonlyMap<string, AgreedRating>,
  useAgreed: boolean,
): RatingInput[] {
  return NEED_AREA_KEYS.map((area) => {
    const self = answers.get(area);
    const selfRating = self?.rating ?? null;
    const agreedRating = useAgreed ? agreed.get(area) : undefined;
    if (agreedRating) {
      return {
        area,
        rating: agreedRating.rating,
        source: "agreed",
        selfRating,
        answeredBy: self?.answeredBy,
        agreedBy: agreedRating.agreedBy,
        reason: agreedRating.reason,
      };
    }
    return {
      area,
      rating: selfRating ?? 0,
      source: selfRating === null ? "rather-not-say" : "self",
      selfRating,
      answeredBy: self?.answeredBy,
    };
  });
}

export function ratingsRecord(inputs: readonly RatingInput[]): Record<NeedAreaKey, number> {
  return Object.fromEntries(inputs.map((i) => [i.area, i.rating])) as Record<NeedAreaKey, number>;
}
