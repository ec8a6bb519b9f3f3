import { useTranslation } from "~/lib/use-translation";
import { data, redirect, useActionData } from "react-router";
import { SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { content } from "~/content/content.server";
import { retireEntrySchema } from "~/forms/rule-set";
import { parseForm } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { retireMenuEntry } from "~/models/menu.server";
import { requireCommissioner } from "~/server/access.server";
import { entryInForceOr404 } from "./menu-entry.server";
import type { Route } from "./+types/menu-retire";

export const handle = { i18n: ["scheme"] };

/** Retiring one menu entry: a page of its own, reached from the entry's page, saying what retiring does. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireCommissioner(context, request);
  const lang = languageOf(context);
  const entry = await entryInForceOr404(params.entryId);
  return { entryId: entry.id, title: entry.title[lang], kindName: content().menu.kinds[entry.kind].name[lang] };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const user = await requireCommissioner(context, request);
  const entry = await entryInForceOr404(params.entryId);
  const form = await parseForm(request, retireEntrySchema);
  if (!form.ok) return replyWithErrors(form);
  // Retired by someone else since the page was loaded: no longer in force.
  if (!(await retireMenuEntry(entry.id, form.data.why, user.id)).ok) throw data(null, { status: 404 });
  return redirect("/scheme/menu?retired");
}

export default function RetireMenuEntry({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("scheme");
  const refusal = useActionData<typeof action>();
  const labels = { why: t("menu.why") };
  const heading = t("menu.retireHeading", { title: d.title });
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{heading}</PageTitle>
      <p>
        <a href={`/scheme/menu/entries/${d.entryId}`}>{t("entryForm.changeTitle", { title: d.title })}</a>
      </p>
      <h1>{heading}</h1>
      <p className="hint">{d.kindName}</p>
      <p>{t("menu.retireIntro")}</p>
      <ValidatedForm
        schema={() => import("~/forms/rule-set").then((m) => m.retireEntrySchema)}
        values={refusal?.values}
        errors={refusal?.errors}
        labels={labels}
      >
        <TextField name="why" label={labels.why} hint={t("menu.whyHint")} multiline />
        <SubmitButton className="button--warning">{t("menu.retireSubmit")}</SubmitButton>
      </ValidatedForm>
    </>
  );
}
