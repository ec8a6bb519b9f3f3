import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData } from "react-router";
import { SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { lookAgainSchema } from "~/forms/categories";
import { requireRecordAccess } from "~/server/access.server";
import { parseForm } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { askToLookAgain, categoryOf, currentPlacement } from "~/models/categories.server";
import { userNames } from "~/models/users.server";
import type { Route } from "./+types/look-again";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["categories"] };

/** The person (or someone acting for them) asks for their category to be looked at again. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "ask-to-look-again");
  const lang = languageOf(context);
  const current = await currentPlacement(access.person.id);
  const category = current ? await categoryOf(current.placement.ruleSetId, current.placement.categoryId) : undefined;
  const names = await userNames(current ? [current.placement.placedBy] : []);
  return {
    personId: access.person.id,
    placement: current
      ? {
          category: category?.name[lang] ?? current.placement.categoryId,
          by: names.get(current.placement.placedBy) ?? "",
        }
      : null,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "ask-to-look-again");
  const form = await parseForm(request, lookAgainSchema);
  if (!form.ok) return replyWithErrors(form);
  const asked = await askToLookAgain(access, form.data.reason);
  if (!asked.ok)
    return replyWithErrors({ ok: false, errors: { _form: "categories:errors.noPlacement" }, values: form.values });
  return redirect(`/people/${access.person.id}/budget`);
}

export default function LookAgain({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("categories");
  const refusal = useActionData<typeof action>();
  const labels = { reason: t("lookAgain.reason") };
  return (
    <div className="narrow">
      <PageTitle error={Boolean(refusal)}>{t("lookAgain.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/budget`}>{t("common:form.back")}</a>
      </p>
      <h1>{t("lookAgain.title")}</h1>
      {d.placement ? (
        <>
          <p>{t("lookAgain.intro", { by: d.placement.by, category: d.placement.category })}</p>
          <ValidatedForm
            schema={() => import("~/forms/categories").then((m) => m.lookAgainSchema)}
            values={refusal?.values}
            errors={refusal?.errors}
            labels={labels}
          >
            <TextField name="reason" label={labels.reason} multiline />
            <SubmitButton>{t("lookAgain.send")}</SubmitButton>
          </ValidatedForm>
        </>
      ) : (
        <p>{t("lookAgain.none")}</p>
      )}
    </div>
  );
}
