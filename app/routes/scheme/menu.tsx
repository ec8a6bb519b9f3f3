import { useTranslation } from "react-i18next";
import { redirect, useActionData } from "react-router";
import { ChoiceField, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { content } from "~/content/content.server";
import { findEntry } from "~/domain/menu";
import { retireEntrySchema } from "~/forms/rule-set";
import { formatDate } from "~/lib/format";
import { parseForm, fieldErrors } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { menuChangeLog, menuInForce, retireMenuEntry } from "~/models/menu.server";
import { requireCommissioner } from "~/server/access.server";
import type { Route } from "./+types/menu";

export const handle = { i18n: ["scheme"] };

export async function loader({ request, context }: Route.LoaderArgs) {
  requireCommissioner(context, request);
  const lang = languageOf(context);
  const shipped = content().menu;
  const menu = menuInForce();
  return {
    version: menu.version,
    entries: menu.entries.map((e) => ({
      id: e.id,
      title: e.title[lang],
      kind: shipped.kinds[e.kind]?.name[lang] ?? e.kind,
    })),
    log: menuChangeLog()
      .reverse()
      .map((c) => ({
        version: c.version,
        date: formatDate(c.madeAt, lang),
        title: findEntry(shipped, c.entryId)?.title[lang] ?? c.entryId,
        change: c.change,
        why: c.why,
      })),
    done: new URL(request.url).searchParams.has("retired"),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireCommissioner(context, request);
  const form = await parseForm(request, retireEntrySchema);
  if (!form.ok) return replyWithErrors(form);
  if (!retireMenuEntry(form.data.entryId, form.data.why, user.id).ok)
    return replyWithErrors(fieldErrors(form.values, { entryId: "scheme:errors.chooseEntry" }));
  return redirect("/scheme/menu?retired");
}

export default function SchemeMenu({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("scheme");
  const refusal = useActionData<typeof action>();
  const labels = { entryId: t("menu.entry"), why: t("menu.why") };
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("menu.title")}</PageTitle>
      <p>
        <a href="/scheme">{t("ruleSets.title")}</a>
      </p>
      <h1>{t("menu.title")}</h1>
      {d.done && !refusal && (
        <p className="confirmation" role="status">
          {t("menu.retired", { version: d.version })}
        </p>
      )}
      <p>{t("menu.intro", { version: d.version })}</p>
      <h2>{t("menu.logTitle")}</h2>
      {d.log.length === 0 ? (
        <p>{t("menu.noChanges")}</p>
      ) : (
        <ul className="list" data-testid="menu-log">
          {d.log.map((c) => (
            <li key={c.version}>
              {t("menu.logLine", {
                version: c.version,
                date: c.date,
                title: c.title,
                change: t(`menu.change.${c.change}`),
                why: c.why,
              })}
            </li>
          ))}
        </ul>
      )}
      <h2>{t("menu.retireTitle")}</h2>
      <p>{t("menu.retireIntro")}</p>
      <ValidatedForm schema={retireEntrySchema} values={refusal?.values} errors={refusal?.errors} labels={labels}>
        <ChoiceField
          name="entryId"
          legend={labels.entryId}
          options={d.entries.map((e) => ({ value: e.id, label: e.title, hint: e.kind }))}
        />
        <TextField name="why" label={labels.why} hint={t("menu.whyHint")} multiline />
        <SubmitButton className="button--warning">{t("menu.retireSubmit")}</SubmitButton>
      </ValidatedForm>
    </>
  );
}
