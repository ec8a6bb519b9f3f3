import type { TFunction } from "i18next";
import { useTranslation } from "~/lib/use-translation";
import { ChoiceField, SubmitButton, TextField, useErrorText, ValidatedForm } from "~/components/form";
import type { FormValues } from "~/lib/form-messages";

export interface ItemQuestions {
  entryId: string;
  kind: string;
  providers: { value: string; label: string }[];
}

/** What each question of an item is called (also on the "cannot be changed now" page, beside what was typed). */
export function itemLabels(t: TFunction) {
  return {
    menuEntryId: t("items.choose"),
    what: t("items.what"),
    somethingElse: t("items.somethingElseText"),
    provider: t("items.provider"),
    providerId: t("items.providerIdTreatment"),
    frequency: t("items.frequency"),
    unitCost: t("items.unitCost"),
    unitsPerYear: t("items.unitsPerYear"),
    outcomeIds: t("items.serves"),
  };
}

/**
 * The questions one kind of thing needs, for adding it or changing it: the accredited providers only
 * for a controlled treatment (their price is used), words describing it only for something else, and a
 * cost for everything else. Works as a plain form; nothing is revealed or hidden by script.
 */
export function ItemFields({
  questions,
  outcomes,
  values,
  errors,
  changing,
}: {
  questions: ItemQuestions;
  outcomes: { value: string; label: string }[];
  values?: FormValues;
  errors?: Record<string, string>;
  /** The id of the item being changed; absent when adding. */
  changing?: string;
}) {
  const { t } = useTranslation(["plan", "menu"]);
  const treatment = questions.kind === "controlled-treatment";
  const labels = itemLabels(t);
  const errorText = useErrorText();
  return (
    <ValidatedForm
      schema={() => import("~/forms/plan").then((m) => m.itemFormSchema)}
      values={values}
      errors={errors}
      labels={labels}
      hidden={{
        intent: changing ? "change" : "add",
        menuEntryId: questions.entryId,
        ...(changing ? { entryId: changing } : {}),
      }}
    >
      {errors?.menuEntryId && (
        // The kind is chosen on the page before; a refusal of it is shown here, where the summary links.
        <p className="error-message" id="f-menuEntryId">
          {errorText(errors.menuEntryId)}
        </p>
      )}
      <TextField name="what" label={labels.what} />
      {questions.kind === "something-else" && <TextField name="somethingElse" label={labels.somethingElse} multiline />}
      {treatment ? (
        <ChoiceField
          name="providerId"
          legend={labels.providerId}
          hint={t("items.unitCostHint")}
          options={questions.providers}
        />
      ) : (
        <TextField name="provider" label={labels.provider} />
      )}
      <TextField name="frequency" label={labels.frequency} />
      {!treatment && <TextField name="unitCost" label={labels.unitCost} inputMode="text" short />}
      <TextField name="unitsPerYear" label={labels.unitsPerYear} type="number" short inputMode="numeric" />
      {outcomes.length > 0 && <ChoiceField name="outcomeIds" legend={labels.outcomeIds} options={outcomes} multiple />}
      <SubmitButton>{changing ? t("items.saveChange") : t("items.add")}</SubmitButton>
    </ValidatedForm>
  );
}
