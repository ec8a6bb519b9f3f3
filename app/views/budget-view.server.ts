import type { TFunction } from "i18next";
import { content } from "~/content/content.server";
import { explanationParams } from "~/domain/allocation";
import type { Language, LocalizedText } from "~/domain/localized";
import type { NeedAreaKey } from "~/domain/choices";
import { formatDate, formatMoney } from "~/lib/format";
import type { AllocationRecord } from "~/models/assessment.server";
import { ruleSetNameAndDate } from "~/models/rule-sets.server";
import { userNames } from "~/models/users.server";

/** Need areas in one language, in the order they are asked. */
export function needAreaTexts(lang: Language) {
  return content().needAreas.needAreas.map((area) => ({
    key: area.key as NeedAreaKey,
    title: area.title[lang],
    question: area.question[lang],
    ratings: area.ratings.map((r) => r[lang]),
  }));
}

export function needAreaTitle(key: string, lang: Language): string {
  return content().needAreas.needAreas.find((a) => a.key === key)?.title[lang] ?? key;
}

/**
 * A stored calculation as the person reads it: figures, every explanation line, flags, when and how.
 * `categoryNames`: the names of its rule set's categories, for a rule set of the third form.
 */
export async function budgetView(
  record: AllocationRecord,
  lang: Language,
  t: TFunction,
  categoryNames: ReadonlyMap<string, LocalizedText> = new Map(),
) {
  const money = (pence: number) => formatMoney(pence, lang);
  const ruleSet = await ruleSetNameAndDate(record.ruleSetId);
  const names = await userNames(record.inputs.ratings.map((r) => r.agreedBy).filter((id): id is string => Boolean(id)));
  return {
    id: record.id,
    basis: record.basis,
    eligible: record.eligible,
    total: money(record.totalPence),
    totalPence: record.totalPence,
    weekly: money(record.weeklyPence),
    nhs: money(record.nhsPence),
    council: money(record.councilPence),
    when: formatDate(record.createdAt, lang),
    ruleSet: ruleSet.label?.[lang] ?? record.ruleSetId,
    ruleSetId: record.ruleSetId,
    ruleSetDate: ruleSet.date ? formatDate(ruleSet.date, lang) : null,
    lines: record.explanation.map((line) =>
      // The namespace in the key, not as an option: a plain text is then filled in without i18next.
      t(`allocation:${line.key}`, {
        ...explanationParams(line, {
          money,
          area: (key) => needAreaTitle(key, lang),
          category: (id) => categoryNames.get(id)?.[lang] ?? id,
        }),
      }),
    ),
    flags: record.flags.map((flag) => ({
      flag,
      title: t(`allocation:flag.${flag}.title`),
      body: t(`allocation:flag.${flag}.body`),
    })),
    ratings: record.inputs.ratings.map((r) => ({
      area: needAreaTitle(r.area, lang),
      self: r.selfRating,
      source: r.source,
      rating: r.rating,
      reason: r.reason ?? null,
      agreedBy: r.agreedBy ? (names.get(r.agreedBy) ?? null) : null,
    })),
  };
}

export type BudgetView = Awaited<ReturnType<typeof budgetView>>;
