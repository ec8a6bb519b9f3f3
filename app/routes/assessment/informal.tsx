import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData } from "react-router";
import { ChoiceField, SubmitButton, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { content } from "~/content/content.server";
import { INFORMAL_SUPPORT } from "~/domain/choices";
import { informalSchema } from "~/forms/assessment";
import { requireRecordAccess } from "~/server/access.server";
import { parseForm } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { currentAssessment, saveInformal } from "~/models/assessment.server";
import type { Route } from "./+types/informal";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["assessment"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const lang = languageOf(context);
  const informal = content().needAreas.informalSupport;
  return {
    personId: access.person.id,
    question: informal.question[lang],
    answers: INFORMAL_SUPPORT.map((key) => ({ value: key, label: informal.answers[key][lang] })),
    saved: (await currentAssessment(access.person.id))?.informal ?? "",
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "edit-draft");
  const form = await parseForm(request, informalSchema);
  if (!form.ok) return replyWithErrors(form);
  await saveInformal(access.person.id, form.data.informal, access.actor.id);
  return redirect(`/people/${access.person.id}/assessment/check`);
}

export default function InformalSupport({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("assessment");
  const refusal = useActionData<typeof action>();
  return (
    <div className="narrow">
      <PageTitle error={Boolean(refusal)}>{t("informal.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/assessment`}>{t("question.back")}</a>
      </p>
      <ValidatedForm
        schema={() => import("~/forms/assessment").then((m) => m.informalSchema)}
        values={refusal?.values ?? { informal: d.saved }}
        errors={refusal?.errors}
        labels={{ informal: d.question }}
      >
        <h1>{t("informal.title")}</h1>
        <ChoiceField name="informal" legend={d.question} hint={t("informal.hint")} options={d.answers} />
        <SubmitButton>{t("question.saveAndContinue")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}
