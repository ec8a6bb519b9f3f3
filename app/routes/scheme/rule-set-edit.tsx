import { useTranslation } from "~/lib/use-translation";
import { data, redirect, useActionData } from "react-router";
import { ChoiceField, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { validateRuleSet } from "~/domain/rule-set";
import { INFORMAL_SUPPORT, NEED_AREA_KEYS } from "~/domain/choices";
import { draftCandidate, draftValues, ruleSetDraftSchema } from "~/forms/rule-set";
import { bandField, MAX_BAND_ROWS, multiplierField, shareField, weightField } from "~/forms/field-names";
import { parseForm } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { saveDraft, storedRuleSet } from "~/models/rule-sets.server";
import { requireCommissioner } from "~/server/access.server";
import { needAreaTitle } from "~/views/budget-view.server";
import type { Route } from "./+types/rule-set-edit";

export const handle = { i18n: ["scheme"] };

/** Only a draft has an edit page; a published rule set never changes (copy it instead). */
async function draftOr404(id: string) {
  const stored = await storedRuleSet(id);
  if (!stored || stored.row.status !== "draft") throw data(null, { status: 404 });
  return stored;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireCommissioner(context, request);
  const lang = languageOf(context);
  const { ruleSet } = await draftOr404(params.ruleSetId);
  return {
    id: ruleSet.id,
    label: ruleSet.label[lang],
    values: draftValues(ruleSet),
    areas: NEED_AREA_KEYS.map((key) => ({ key, title: needAreaTitle(key, lang) })),
    saved: new URL(request.url).searchParams.has("saved"),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const user = await requireCommissioner(context, request);
  const { ruleSet } = await draftOr404(params.ruleSetId);
  const form = await parseForm(request, ruleSetDraftSchema);
  if (!form.ok) return replyWithErrors(form);
  const candidate = draftCandidate(form.data as Record<string, string | undefined>, ruleSet);
  const checked = validateRuleSet(candidate);
  // The form's schema has judged the same candidate; this only guards the id and dates it does not edit.
  if (!checked.ok)
    return replyWithErrors({ ok: false, errors: { _form: "scheme:errors.fileInvalid" }, values: form.values });
  const done = await saveDraft(ruleSet.id, checked.ruleSet, user.id);
  if (!done.ok) throw data(null, { status: 404 });
  return redirect(`/scheme/rule-sets/${ruleSet.id}/edit?saved`);
}

export default function RuleSetEdit({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("scheme");
  const refusal = useActionData<typeof action>();
  const values = refusal?.values ?? d.values;
  const labels: Record<string, string> = {
    labelEn: t("form.labelEn"),
    labelUr: t("form.labelUr"),
    labelPl: t("form.labelPl"),
    tariff: t("form.tariff"),
    pricePerPointPounds: t("form.price"),
    threshold: t("form.threshold"),
  };
  for (let i = 0; i < MAX_BAND_ROWS; i++) {
    labels[bandField(i, "From")] = t("form.bandRow", { n: i + 1, part: t("form.bandFrom") });
    labels[bandField(i, "To")] = t("form.bandRow", { n: i + 1, part: t("form.bandTo") });
    labels[bandField(i, "Amount")] = t("form.bandRow", { n: i + 1, part: t("form.bandAmount") });
  }
  labels.usualMaximumPounds = t("form.maximum");
  for (const area of d.areas) {
    labels[weightField(area.key)] = t("form.weightOf", { area: area.title });
    labels[shareField(area.key)] = t("form.shareOf", { area: area.title });
  }
  for (const answer of INFORMAL_SUPPORT) labels[multiplierField(answer)] = t(`form.informal.${answer}`);
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("edit.title", { id: d.id })}</PageTitle>
      <p>
        <a href={`/scheme/rule-sets/${d.id}`}>{t("edit.back", { label: d.label })}</a>
      </p>
      <h1>{t("edit.title", { id: d.id })}</h1>
      {d.saved && !refusal && (
        <p className="confirmation" role="status">
          {t("edit.saved")}
        </p>
      )}
      <p>{t("edit.intro")}</p>
      <ValidatedForm
        schema={() => import("~/forms/rule-set").then((m) => m.ruleSetDraftSchema)}
        values={values}
        errors={refusal?.errors}
        labels={labels}
      >
        <fieldset>
          <legend>{t("form.label")}</legend>
          <TextField name="labelEn" label={labels.labelEn!} />
          <TextField name="labelUr" label={labels.labelUr!} />
          <TextField name="labelPl" label={labels.labelPl!} />
        </fieldset>
        <ChoiceField
          name="tariff"
          legend={labels.tariff!}
          options={[
            { value: "price", label: t("form.tariffPrice") },
            { value: "bands", label: t("form.tariffBands") },
          ]}
        />
        <fieldset>
          <legend>{t("form.priceLegend")}</legend>
          <TextField name="pricePerPointPounds" label={labels.pricePerPointPounds!} inputMode="numeric" short />
          <TextField name="threshold" label={labels.threshold!} inputMode="numeric" short />
        </fieldset>
        <fieldset>
          <legend>{t("form.bandsLegend")}</legend>
          <p className="hint">{t("form.bandsHint")}</p>
          <div className="band-rows">
            {Array.from({ length: MAX_BAND_ROWS }, (_, i) => (
              <div key={i} className="band-row">
                <TextField
                  name={bandField(i, "From")}
                  label={labels[bandField(i, "From")]!}
                  inputMode="numeric"
                  short
                />
                <TextField name={bandField(i, "To")} label={labels[bandField(i, "To")]!} inputMode="numeric" short />
                <TextField
                  name={bandField(i, "Amount")}
                  label={labels[bandField(i, "Amount")]!}
                  inputMode="numeric"
                  short
                />
              </div>
            ))}
          </div>
        </fieldset>
        <TextField name="usualMaximumPounds" label={labels.usualMaximumPounds} inputMode="numeric" short />
        <fieldset>
          <legend>{t("form.areasLegend")}</legend>
          <p className="hint">{t("form.areasHint")}</p>
          {d.areas.map((area) => (
            <div key={area.key} className="band-row">
              <TextField
                name={weightField(area.key)}
                label={labels[weightField(area.key)]!}
                inputMode="numeric"
                short
              />
              <TextField name={shareField(area.key)} label={labels[shareField(area.key)]!} inputMode="numeric" short />
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("form.informalLegend")}</legend>
          {INFORMAL_SUPPORT.map((answer) => (
            <TextField
              key={answer}
              name={multiplierField(answer)}
              label={labels[multiplierField(answer)]!}
              inputMode="numeric"
              short
            />
          ))}
        </fieldset>
        <SubmitButton>{t("edit.submit")}</SubmitButton>
      </ValidatedForm>
    </>
  );
}
