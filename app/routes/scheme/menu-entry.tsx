import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData } from "react-router";
import { ChoiceField, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { content } from "~/content/content.server";
import { LANGUAGES, type Language } from "~/domain/languages";
import { MENU_KINDS } from "~/domain/menu";
import { checkEntry, draftTexts, entryFromDraft, newIdFrom, type EntryTexts } from "~/domain/menu-versions";
import { entryDraftOf, menuEntryFormSchema } from "~/forms/menu";
import type { FormValues } from "~/lib/form-messages";
import { fieldErrors, parseForm } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { entriesAwaitingReview, menuAsPublished, saveMenuEntry } from "~/models/menu.server";
import { requireCommissioner } from "~/server/access.server";
import { entryInForceOr404 } from "./menu-entry.server";
import type { Route } from "./+types/menu-entry";

export const handle = { i18n: ["scheme"] };

const TEXTS: (keyof EntryTexts)[] = ["title", "description", "why", "examples", "helpInstead", "screening"];

/** The entry in force being changed, or null for a new one ("new"); any other id answers 404. */
const entryOr404 = async (entryId: string) => (entryId === "new" ? null : entryInForceOr404(entryId));

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireCommissioner(context, request);
  const lang = languageOf(context);
  const entry = await entryOr404(params.entryId);
  const { kinds } = content().menu;
  const values: FormValues = {};
  if (entry) {
    values.kind = entry.kind;
    if (entry.kind === "controlled-treatment") values.treatment = entry.treatment;
    const texts = draftTexts(entry);
    const awaiting = (await entriesAwaitingReview()).get(entry.id) ?? [];
    for (const l of LANGUAGES)
      for (const k of TEXTS)
        // A translation awaiting review that only holds the English copy shows blank: not done yet.
        values[`${l}.${k}`] = l !== "en" && awaiting.includes(l) && texts[l][k] === texts.en[k] ? "" : texts[l][k];
  }
  return {
    entryId: entry?.id ?? null,
    title: entry?.title[lang] ?? null,
    kind: entry?.kind ?? null,
    kindName: entry ? kinds[entry.kind].name[lang] : null,
    kinds: MENU_KINDS.map((k) => ({ value: k, label: kinds[k].name[lang] })),
    values,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const user = await requireCommissioner(context, request);
  const entry = await entryOr404(params.entryId);
  const form = await parseForm(request, menuEntryFormSchema);
  if (!form.ok) return replyWithErrors(form);
  if (entry && form.data.kind !== entry.kind)
    return replyWithErrors(fieldErrors(form.values, { _form: "scheme:errors.entryKindFixed" }));
  const taken = new Set((await menuAsPublished()).entries.map((e) => e.id));
  const id = entry?.id ?? newIdFrom(form.data.en.title ?? "", taken, "entry");
  const previous = entry ? { entry, awaitingReview: (await entriesAwaitingReview()).get(entry.id) ?? [] } : undefined;
  const { candidate, awaitingReview } = entryFromDraft(id, entryDraftOf(form.data), previous);
  const checked = checkEntry(candidate);
  // The form's schema judged the same texts; this guards what it does not see (the id, kept links).
  if (!checked.success) return replyWithErrors(fieldErrors(form.values, { _form: "scheme:errors.entryInvalid" }));
  const saved = await saveMenuEntry(checked.data, awaitingReview, form.data.reason, user.id);
  if (!saved.ok)
    return replyWithErrors(
      fieldErrors(form.values, {
        _form: saved.reason === "unchanged" ? "scheme:errors.entryUnchanged" : "scheme:errors.entryInvalid",
      }),
    );
  return redirect("/scheme/menu?saved");
}

export default function MenuEntryPage({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("scheme");
  const refusal = useActionData<typeof action>();
  const values = refusal?.values ?? d.values;
  const langName = (l: Language) => t(`entryForm.language.${l}`);
  const shows = (k: keyof EntryTexts) =>
    !(k === "helpInstead" || k === "screening") || d.kind === null || d.kind === "absolute-exclusion";
  const labels: Record<string, string> = {};
  if (!d.entryId) labels.kind = t("entryForm.kind");
  labels.treatment = t("entryForm.treatment");
  for (const l of LANGUAGES)
    for (const k of TEXTS) if (shows(k)) labels[`${l}.${k}`] = t(`entryForm.${k}`, { language: langName(l) });
  labels.reason = t("entryForm.reason");
  const heading = d.entryId ? t("entryForm.changeTitle", { title: d.title }) : t("entryForm.addTitle");
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{heading}</PageTitle>
      <p>
        <a href="/scheme/menu">{t("menu.title")}</a>
      </p>
      <h1>{heading}</h1>
      <p>{t("entryForm.intro")}</p>
      <ValidatedForm
        schema={() => import("~/forms/menu").then((m) => m.menuEntryFormSchema)}
        values={values}
        errors={refusal?.errors}
        labels={labels}
        hidden={d.entryId && d.kind ? { kind: d.kind } : {}}
      >
        {d.entryId ? (
          <p>{t("entryForm.kindFixed", { kind: d.kindName })}</p>
        ) : (
          <ChoiceField name="kind" legend={labels.kind!} options={d.kinds} />
        )}
        {(d.kind === null || d.kind === "controlled-treatment") && (
          <TextField name="treatment" label={labels.treatment!} hint={t("entryForm.treatmentHint")} />
        )}
        {LANGUAGES.map((l) => (
          <fieldset key={l}>
            <legend>
              {l === "en" ? t("entryForm.english") : t("entryForm.translation", { language: langName(l) })}
            </legend>
            {l !== "en" && <p className="hint">{t("entryForm.translationHint")}</p>}
            {TEXTS.filter(shows).map((k) => (
              <TextField
                key={k}
                name={`${l}.${k}`}
                label={labels[`${l}.${k}`]!}
                hint={
                  k === "examples" || k === "screening"
                    ? t(`entryForm.${k}Hint`)
                    : k === "helpInstead" && d.kind === null
                      ? t("entryForm.helpInsteadHint")
                      : undefined
                }
                multiline={k !== "title"}
              />
            ))}
          </fieldset>
        ))}
        <TextField name="reason" label={labels.reason} hint={t("entryForm.reasonHint")} multiline />
        <SubmitButton>{d.entryId ? t("entryForm.saveChange") : t("entryForm.saveNew")}</SubmitButton>
      </ValidatedForm>
      {d.entryId && (
        <>
          <h2>{t("menu.retireSubmit")}</h2>
          <p>{t("menu.retireIntro")}</p>
          <p>
            <a href={`/scheme/menu/entries/${d.entryId}/retire`}>{t("menu.retireSubmit")}</a>
          </p>
        </>
      )}
    </>
  );
}
