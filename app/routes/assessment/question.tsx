import { useTranslation } from "~/lib/use-translation";
import { data, redirect, useActionData } from "react-router";
import { ChoiceField, SubmitButton, ValidatedForm, useFieldValue } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { UrgentHelpInset } from "~/components/urgent-help";
import { nextUnanswered, type SelfAnswer } from "~/domain/assessment";
import { mayNotBeSafe, SAFETY_AREAS } from "~/domain/urgent-help";
import { NEED_AREA_KEYS, type NeedAreaKey } from "~/domain/choices";
import { needAreaAnswerSchema } from "~/forms/assessment";
import { requireRecordAccess } from "~/server/access.server";
import { parseForm } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { answersOf, currentAssessment, saveAnswer } from "~/models/assessment.server";
import { needAreaTexts } from "~/views/budget-view.server";
import { userNames } from "~/models/users.server";
import { crisisLineView, type CrisisLine } from "~/views/urgent-help-view.server";
import type { Route } from "./+types/question";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["assessment", "help"] };

/** Where the questions go after this one: the next unanswered, then family and friends, then the check. */
function nextStep(base: string, answers: ReadonlyMap<string, SelfAnswer>, key: NeedAreaKey, informalDone: boolean) {
  const next = nextUnanswered(answers, key);
  return next ? `${base}/${next}` : informalDone ? `${base}/check` : `${base}/informal`;
}

function areaFrom(param: string | undefined): NeedAreaKey {
  if (!param || !(NEED_AREA_KEYS as readonly string[]).includes(param)) throw data(null, { status: 404 });
  return param as NeedAreaKey;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const key = areaFrom(params.area);
  const area = needAreaTexts(languageOf(context)).find((a) => a.key === key)!;
  const assessment = await currentAssessment(access.person.id);
  const answer = assessment ? (await answersOf(assessment.id)).get(key) : undefined;
  const answeredBy =
    answer && answer.answeredBy !== access.person.userId
      ? (await userNames([answer.answeredBy])).get(answer.answeredBy)
      : undefined;
  const base = `/people/${access.person.id}/assessment`;
  return {
    personId: access.person.id,
    safetyArea: SAFETY_AREAS.includes(key),
    crisisLine: crisisLineView(languageOf(context)),
    // After a safety answer of 3 or 4 the page comes back saved, with help in place and a way on.
    savedForHelp:
      new URL(request.url).searchParams.has("saved") && mayNotBeSafe(key, answer?.rating)
        ? nextStep(base, assessment ? await answersOf(assessment.id) : new Map(), key, Boolean(assessment?.informal))
        : null,
    area,
    n: NEED_AREA_KEYS.indexOf(key) + 1,
    total: NEED_AREA_KEYS.length,
    saved: answer ? (answer.rating === null ? "rather-not-say" : String(answer.rating)) : "",
    answeredBy: answeredBy ?? null,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "edit-draft");
  const key = areaFrom(params.area);
  const form = await parseForm(request, needAreaAnswerSchema);
  if (!form.ok) return replyWithErrors(form);
  const rating = form.data.rating === "rather-not-say" ? null : Number(form.data.rating);
  await saveAnswer(access.person.id, key, rating, access.actor.id);
  const assessment = (await currentAssessment(access.person.id))!;
  const base = `/people/${access.person.id}/assessment`;
  // Someone who says they may not be safe is not hurried on: the same page, saved, with urgent help.
  if (mayNotBeSafe(key, rating)) return redirect(`${base}/${key}?saved`);
  return redirect(nextStep(base, await answersOf(assessment.id), key, Boolean(assessment.informal)));
}

/** The urgent-help inset, shown as soon as 3 or 4 is chosen (with JavaScript) or saved (without). */
function SafetyHelp({ area, line }: { area: string; line: CrisisLine }) {
  const rating = useFieldValue("rating");
  return typeof rating === "string" && mayNotBeSafe(area, Number(rating)) ? <UrgentHelpInset line={line} /> : null;
}

export default function NeedAreaQuestion({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("assessment");
  const refusal = useActionData<typeof action>();
  const options = [
    ...d.area.ratings.map((text, rating) => ({ value: String(rating), label: text })),
    { value: "rather-not-say", label: t("question.ratherNotSay"), hint: t("question.ratherNotSayHint") },
  ];
  return (
    <div className="narrow">
      <PageTitle error={Boolean(refusal)}>{d.area.title}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/assessment`}>{t("question.back")}</a>
      </p>
      <p className="hint">{t("question.progress", { n: d.n, total: d.total })}</p>
      {d.savedForHelp && (
        <>
          <p className="confirmation" role="status">
            {t("question.savedForHelp")}
          </p>
          <p>
            <a className="button" href={d.savedForHelp}>
              {t("question.continue")}
            </a>
          </p>
        </>
      )}
      <ValidatedForm
        schema={() => import("~/forms/assessment").then((m) => m.needAreaAnswerSchema)}
        values={refusal?.values ?? { rating: d.saved }}
        errors={refusal?.errors}
        labels={{ rating: d.area.question }}
      >
        <h1>{d.area.title}</h1>
        <ChoiceField name="rating" legend={d.area.question} hint={t("question.legend")} options={options} />
        {d.safetyArea && <SafetyHelp area={d.area.key} line={d.crisisLine} />}
        {d.answeredBy && <p className="hint">{t("question.answeredBy", { name: d.answeredBy })}</p>}
        <SubmitButton className={d.savedForHelp ? "button--secondary" : undefined}>
          {t("question.saveAndContinue")}
        </SubmitButton>
      </ValidatedForm>
    </div>
  );
}
