import { useTranslation } from "react-i18next";
import { data, redirect, useActionData } from "react-router";
import { ChoiceField, SubmitButton, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { nextUnanswered } from "~/domain/assessment";
import { NEED_AREA_KEYS, type NeedAreaKey } from "~/domain/rule-set";
import { needAreaAnswerSchema } from "~/forms/assessment";
import { requireRecordAccess } from "~/server/access.server";
import { parseForm } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { answersOf, currentAssessment, saveAnswer } from "~/models/assessment.server";
import { needAreaTexts } from "~/views/budget-view.server";
import { userNames } from "~/models/users.server";
import type { Route } from "./+types/question";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["assessment"] };

function areaFrom(param: string | undefined): NeedAreaKey {
  if (!param || !(NEED_AREA_KEYS as readonly string[]).includes(param)) throw data(null, { status: 404 });
  return param as NeedAreaKey;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = requireRecordAccess(context, request, params.personId, "view-record");
  const key = areaFrom(params.area);
  const area = needAreaTexts(languageOf(context)).find((a) => a.key === key)!;
  const assessment = currentAssessment(access.person.id);
  const answer = assessment ? answersOf(assessment.id).get(key) : undefined;
  const answeredBy =
    answer && answer.answeredBy !== access.person.userId
      ? userNames([answer.answeredBy]).get(answer.answeredBy)
      : undefined;
  return {
    personId: access.person.id,
    area,
    n: NEED_AREA_KEYS.indexOf(key) + 1,
    total: NEED_AREA_KEYS.length,
    saved: answer ? (answer.rating === null ? "rather-not-say" : String(answer.rating)) : "",
    answeredBy: answeredBy ?? null,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = requireRecordAccess(context, request, params.personId, "edit-draft");
  const key = areaFrom(params.area);
  const form = await parseForm(request, needAreaAnswerSchema);
  if (!form.ok) return replyWithErrors(form);
  saveAnswer(
    access.person.id,
    key,
    form.data.rating === "rather-not-say" ? null : Number(form.data.rating),
    access.actor.id,
  );
  const assessment = currentAssessment(access.person.id)!;
  const next = nextUnanswered(answersOf(assessment.id), key);
  const base = `/people/${access.person.id}/assessment`;
  return redirect(next ? `${base}/${next}` : assessment.informal ? `${base}/check` : `${base}/informal`);
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
      <ValidatedForm
        schema={needAreaAnswerSchema}
        values={refusal?.values ?? { rating: d.saved }}
        errors={refusal?.errors}
        labels={{ rating: d.area.question }}
      >
        <h1>{d.area.title}</h1>
        <ChoiceField name="rating" legend={d.area.question} hint={t("question.legend")} options={options} />
        {d.answeredBy && <p className="hint">{t("question.answeredBy", { name: d.answeredBy })}</p>}
        <SubmitButton>{t("question.saveAndContinue")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}
