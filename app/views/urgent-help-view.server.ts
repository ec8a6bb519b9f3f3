import { content } from "~/content/content.server";
import type { Language } from "~/domain/languages";
import { anySafetyConcern } from "~/domain/urgent-help";
import { agreedOf, answersOf, currentAssessment } from "~/models/assessment.server";

/** The local crisis line from content, in one language, for the urgent-help inset. */
export function crisisLineView(lang: Language) {
  const line = content().urgentHelp.localCrisisLine;
  return { name: line.name[lang], phone: line.phone, hours: line.hours[lang] };
}
export type CrisisLine = Awaited<ReturnType<typeof crisisLineView>>;

/** Whether the person's current answers (or ratings agreed with the lead professional) say they may not be safe. */
export async function safetyConcernFor(personId: string): Promise<boolean> {
  const assessment = await currentAssessment(personId);
  return assessment ? anySafetyConcern(await answersOf(assessment.id), await agreedOf(assessment.id)) : false;
}
