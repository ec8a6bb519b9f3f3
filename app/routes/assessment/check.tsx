import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData } from "react-router";
import { SubmitButton, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { UrgentHelpInset } from "~/components/urgent-help";
import { crisisLineView, safetyConcernFor } from "~/views/urgent-help-view.server";
import { content } from "~/content/content.server";
import { mayActOnRecord } from "~/domain/access";
import { assessmentComplete } from "~/domain/assessment";
import { calculateSchema } from "~/forms/assessment";
import { requireRecordAccess } from "~/server/access.server";
import { parseForm } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { answersOf, calculateBudget, currentAssessment } from "~/models/assessment.server";
import { needAreaTexts } from "~/views/budget-view.server";
import type { Route } from "./+types/check";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["assessment", "help"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const lang = languageOf(context);
  const assessment = await currentAssessment(access.person.id);
  const answers = assessment ? await answersOf(assessment.id) : new Map();
  const informal = assessment?.informal ?? null;
  return {
    // Urgent help in place when an answer says the person may not be safe.
    crisisLine: (await safetyConcernFor(access.person.id)) ? crisisLineView(lang) : null,
    personId: access.person.id,
    personName: access.personName,
    onBehalf: access.standing !== "self",
    canAnswer: mayActOnRecord(access.standing, "edit-draft"),
    rows: needAreaTexts(lang).map((a) => {
      const answer = answers.get(a.key);
      return {
        key: a.key,
        title: a.title,
        answer: answer ? (answer.rating === null ? null : a.ratings[answer.rating]!) : undefined,
      };
    }),
    informal: informal ? content().needAreas.informalSupport.answers[informal][lang] : null,
    informalQuestion: content().needAreas.informalSupport.question[lang],
    complete: assessmentComplete(answers, informal),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "edit-draft");
  const form = await parseForm(request, calculateSchema);
  if (!form.ok) return replyWithErrors(form);
  const assessment = await currentAssessment(access.person.id);
  if (!assessment || !assessmentComplete(await answersOf(assessment.id), assessment.informal)) {
    return replyWithErrors({ ok: false, errors: { _form: "assessment:errors.notComplete" }, values: {} });
  }
  await calculateBudget(access.person.id, "self", access.actor.id);
  return redirect(`/people/${access.person.id}/budget`);
}

export default function CheckAnswers({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("assessment");
  const refusal = useActionData<typeof action>();
  const base = `/people/${d.personId}/assessment`;
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("check.title")}</PageTitle>
      <p>
        <a href={base}>{t("question.back")}</a>
      </p>
      <h1>{t("check.title")}</h1>
      <p>{t("check.intro")}</p>
      {d.onBehalf && <p className="inset">{t("check.helper", { name: d.personName })}</p>}
      {d.crisisLine && <UrgentHelpInset line={d.crisisLine} />}
      <dl className="summary-list">
        {d.rows.map((r) => (
          <div key={r.key}>
            <dt>{r.title}</dt>
            <dd>
              {r.answer === undefined ? (
                <strong>{t("check.notAnswered")}</strong>
              ) : r.answer === null ? (
                t("question.ratherNotSay")
              ) : (
                r.answer
              )}
            </dd>
            <dd>
              <a href={`${base}/${r.key}`}>
                {t("check.change")}
                <span className="visually-hidden"> {r.title}</span>
              </a>
            </dd>
          </div>
        ))}
        <div>
          <dt>{d.informalQuestion}</dt>
          <dd>{d.informal ?? <strong>{t("check.notAnswered")}</strong>}</dd>
          <dd>
            <a href={`${base}/informal`}>
              {t("check.change")}
              <span className="visually-hidden"> {d.informalQuestion}</span>
            </a>
          </dd>
        </div>
      </dl>
      {!d.complete && <p className="warning">{t("check.incomplete")}</p>}
      {d.complete && d.canAnswer && (
        <ValidatedForm
          schema={() => import("~/forms/assessment").then((m) => m.calculateSchema)}
          labels={{}}
          errors={refusal?.errors}
          hidden={{ intent: "calculate" }}
        >
          <SubmitButton>{t("check.calculate")}</SubmitButton>
        </ValidatedForm>
      )}
    </>
  );
}
