import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData } from "react-router";
import { ChoiceField, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { placeInCategorySchema } from "~/forms/categories";
import { requireRecordAccess } from "~/server/access.server";
import { parseForm } from "~/lib/forms.server";
import { formatDate, formatMoney } from "~/lib/format";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { currentAssessment } from "~/models/assessment.server";
import { categoriesInForce, categoryOf, currentPlacement, placeInCategory } from "~/models/categories.server";
import { userNames } from "~/models/users.server";
import type { Route } from "./+types/category";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["categories"] };

/**
 * The lead professional places the person in a category of the rule set in force (the third form of
 * rule set), with a reason the person reads; any request to look at it again is shown here.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "place-in-category");
  const lang = languageOf(context);
  const personId = access.person.id;
  const { categories } = await categoriesInForce();
  const current = await currentPlacement(personId);
  const currentCategory = current
    ? await categoryOf(current.placement.ruleSetId, current.placement.categoryId)
    : undefined;
  const names = await userNames([
    ...(current ? [current.placement.placedBy] : []),
    ...(current?.requests.map((r) => r.askedBy) ?? []),
  ]);
  return {
    personId,
    personName: access.personName,
    ready: Boolean(await currentAssessment(personId)),
    categories: categories.map((c) => ({
      value: c.id,
      label: `${c.name[lang]}: ${formatMoney(c.amountPounds * 100, lang)}`,
      hint: c.fits?.[lang],
    })),
    current: current
      ? {
          category: currentCategory?.name[lang] ?? current.placement.categoryId,
          categoryId: current.placement.categoryId,
          reason: current.placement.reason,
          by: names.get(current.placement.placedBy) ?? "",
          date: formatDate(current.placement.placedAt, lang),
          requests: current.requests.map((r) => ({
            id: r.id,
            by: names.get(r.askedBy) ?? "",
            date: formatDate(r.askedAt, lang),
            reason: r.reason,
          })),
        }
      : null,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "place-in-category");
  const form = await parseForm(request, placeInCategorySchema);
  if (!form.ok) return replyWithErrors(form);
  const placed = await placeInCategory(access.person.id, form.data, access.actor.id);
  if (!placed.ok)
    return replyWithErrors({
      ok: false,
      errors:
        placed.reason === "no-category"
          ? { categoryId: "categories:errors.noCategory" }
          : { _form: "categories:errors.notReady" },
      values: form.values,
    });
  return redirect(`/people/${access.person.id}/budget`);
}

export default function PlaceInCategory({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("categories");
  const refusal = useActionData<typeof action>();
  const labels = { categoryId: t("place.category"), reason: t("place.reason") };
  return (
    <div className="narrow">
      <PageTitle error={Boolean(refusal)}>{t("place.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/budget`}>{t("common:form.back")}</a>
      </p>
      <h1>{t("place.title")}</h1>
      {d.current && (
        <div className="inset">
          <p>{t("place.current", { category: d.current.category, by: d.current.by, date: d.current.date })}</p>
          <p>{d.current.reason}</p>
        </div>
      )}
      {d.current && d.current.requests.length > 0 && (
        <section aria-labelledby="look-again">
          <h2 id="look-again">{t("place.requestsHeading")}</h2>
          <ul className="list">
            {d.current.requests.map((r) => (
              <li key={r.id}>
                <p>{t("place.request", { by: r.by, date: r.date })}</p>
                <p>{r.reason}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {d.categories.length === 0 ? (
        <p>{t("place.noCategories", { name: d.personName })}</p>
      ) : !d.ready ? (
        <p className="warning">{t("place.notReady", { name: d.personName })}</p>
      ) : (
        <>
          <p>{t("place.intro", { name: d.personName })}</p>
          <ValidatedForm
            schema={() => import("~/forms/categories").then((m) => m.placeInCategorySchema)}
            values={refusal?.values ?? (d.current ? { categoryId: d.current.categoryId } : undefined)}
            errors={refusal?.errors}
            labels={labels}
          >
            <ChoiceField name="categoryId" legend={labels.categoryId} options={d.categories} />
            <TextField name="reason" label={labels.reason} multiline />
            <SubmitButton>{t("place.save")}</SubmitButton>
          </ValidatedForm>
        </>
      )}
    </div>
  );
}
