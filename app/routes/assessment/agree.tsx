import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData } from "react-router";
import { ChoiceField, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { assessmentComplete } from "~/domain/assessment";
import { agreeRatingSchema } from "~/forms/assessment";
import { requireRecordAccess } from "~/server/access.server";
import { parseForm } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { agreeRating, answersOf, currentAssessment } from "~/models/assessment.server";
import { needAreaTexts } from "~/views/budget-view.server";
import type { Route } from "./+types/agree";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["assessment"] };

/** Only a completed assessment can have agreed ratings: there must be a budget to compare with. */
async function completeAssessment(personId: string) {
  const assessment = await currentAssessment(personId);
  return assessment && assessmentComplete(await answersOf(assessment.id), assessment.informal) ? assessment : undefined;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "assess");
  const assessment = await completeAssessment(access.person.id);
  const answers = assessment ? await answersOf(assessment.id) : new Map();
  return {
    personId: access.person.id,
    personName: access.personName,
    ready: Boolean(assessment),
    areas: needAreaTexts(languageOf(context)).map((a) => {
      const answer = answers.get(a.key);
      return {
        value: a.key,
        label: a.title,
        hint: answer?.rating === null || !answer ? undefined : `${answer.rating}: ${a.ratings[answer.rating]}`,
      };
    }),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "assess");
  const form = await parseForm(request, agreeRatingSchema);
  if (!form.ok) return replyWithErrors(form);
  if (!(await completeAssessment(access.person.id)))
    return replyWithErrors({ ok: false, errors: { _form: "assessment:errors.notComplete" }, values: form.values });
  await agreeRating(access.person.id, form.data.needArea, Number(form.data.rating), form.data.reason, access.actor.id);
  return redirect(`/people/${access.person.id}/budget`);
}

export default function AgreeRating({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("assessment");
  const refusal = useActionData<typeof action>();
  const labels = { needArea: t("agree.area"), rating: t("agree.rating"), reason: t("agree.reason") };
  return (
    <div className="narrow">
      <PageTitle error={Boolean(refusal)}>{t("agree.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/budget`}>{t("common:form.back")}</a>
      </p>
      <h1>{t("agree.title")}</h1>
      <p>{t("agree.intro", { name: d.personName })}</p>
      {!d.ready && <p className="warning">{t("agree.notReady")}</p>}
      <ValidatedForm
        schema={() => import("~/forms/assessment").then((m) => m.agreeRatingSchema)}
        values={refusal?.values}
        errors={refusal?.errors}
        labels={labels}
      >
        <ChoiceField name="needArea" legend={labels.needArea} options={d.areas} />
        <ChoiceField
          name="rating"
          legend={labels.rating}
          options={["0", "1", "2", "3", "4"].map((r) => ({ value: r, label: r }))}
        />
        <TextField name="reason" label={labels.reason} multiline />
        <SubmitButton>{t("agree.save")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}
