import { useTranslation } from "~/lib/use-translation";
import { useActionData } from "react-router";
import { ChoiceField, SubmitButton, ValidatedForm } from "~/components/form";
import { RemoveEntryButton } from "~/components/remove-entry";
import { PageTitle } from "~/components/page-title";
import { NotNowPage, PlanLockNotice } from "~/components/plan-lock";
import { planPageState } from "~/routes/plan/plan-access.server";
import { BudgetChart } from "~/components/budget-chart";
import { content } from "~/content/content.server";
import { findEntry } from "~/domain/menu";
import { requireRecordAccess } from "~/server/access.server";
import { formatMoney } from "~/lib/format";
import { languageOf } from "~/lib/i18n.server";
import { loadPlan } from "~/models/plan.server";
import { budgetFigures, budgetForPlan } from "~/views/plan-view.server";
import type { Route } from "./+types/items";
import { chooseKindAction, itemsAction, kindChoices, providerChoices } from "./items-action.server";
import { ItemFields, itemLabels } from "~/components/item-fields";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["plan", "menu"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const lang = languageOf(context);
  const { menu } = content();
  const { plan } = await loadPlan(access.person.id);
  const budget = await budgetForPlan(access.person.id);
  const title = (id?: string) => (id ? (findEntry(menu, id)?.title[lang] ?? id) : "");
  return {
    personId: access.person.id,
    ...(await planPageState(access, "edit")),
    items: plan.items.map((item) => ({
      id: item.id,
      what: item.what,
      kind: item.kind,
      entry: item.kind === "something-else" ? (item.somethingElse ?? "") : title(item.menuEntryId),
      provider: item.provider,
      frequency: item.frequency,
      yearly: formatMoney(item.yearlyCostPence, lang),
      serves: plan.outcomes.filter((o) => item.outcomeIds.includes(o.id)).map((o) => o.words),
      flagged: (item.flaggedEntryIds ?? []).map((id) => title(id)),
    })),
    // Exclusions are not offered: the public menu explains them and what helps instead.
    choices: await kindChoices(lang),
    providers: await providerChoices(lang),
    // The budget, what the plan has committed and what is left, beside the list it is spent on.
    figures: budget ? budgetFigures(plan, budget.totalPence, lang, budget.agreements) : null,
    outcomes: plan.outcomes.map((o) => ({ value: o.id, label: o.words })),
    done: new URL(request.url).searchParams.get("done"),
  };
}

export async function action(args: Route.ActionArgs) {
  // Step one (what kind of thing) leads to the questions that kind needs; removing (and adding, from a
  // form of an older page) is the shared list action.
  const peek = await args.request.clone().formData();
  if (peek.get("intent") === "choose") return chooseKindAction(args, peek);
  return itemsAction(args);
}

export default function Items({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation(["plan", "menu"]);
  const result = useActionData<typeof action>();
  const refusal = result && "errors" in result ? result : undefined;
  // A refused add or change comes back with its own questions and every word typed.
  const typed =
    refusal && (refusal.values.intent === "add" || refusal.values.intent === "change") ? refusal : undefined;
  const typedEntry = typeof typed?.values.menuEntryId === "string" ? typed.values.menuEntryId : "";
  // For an add or change refused here (a form from an older page, or sent by hand): its kind's questions again.
  const typedKind = d.choices.find((c) => c.value === typedEntry)?.kind ?? "citizen-led";
  const stopped = result && "notNow" in result ? result.notNow : undefined;
  const labels = itemLabels(t);
  const choices = d.choices.map((c) => (c.value === "something-else" ? { ...c, label: t("items.somethingElse") } : c));
  if (stopped)
    return (
      <NotNowPage
        notNow={stopped}
        labels={labels}
        title={t("items.title")}
        personId={d.personId}
        backHref={`/people/${d.personId}/plan/items`}
      />
    );
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("items.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/plan`}>{t("common:form.back")}</a>
      </p>
      <h1>{t("items.title")}</h1>
      <PlanLockNotice lock={d.lock} personId={d.personId} />
      {d.done && (
        <p className={d.done === "flagged" ? "warning" : "confirmation"} role="status">
          {d.done === "flagged"
            ? t("items.flagged")
            : d.done === "needsAgreement"
              ? t("items.needsAgreement")
              : t(`items.${d.done === "removed" ? "removed" : d.done === "changed" ? "changed" : "added"}`)}
        </p>
      )}
      {d.figures ? <BudgetChart figures={d.figures} /> : <p>{t("budgetChart.noBudget")}</p>}
      <p>
        {t("items.intro")} <a href="/menu">{t("items.menuLink")}</a>
      </p>
      {d.items.length === 0 ? (
        <p>{t("items.none")}</p>
      ) : (
        <ul className="task-list">
          {d.items.map((item) => (
            <li key={item.id}>
              <div>
                <p>
                  <strong>{item.what}</strong> · {item.entry}
                </p>
                <p className="hint">
                  {item.provider} · {item.frequency} · {t("items.yearly", { amount: item.yearly })} ·{" "}
                  {t(`itemKinds.${item.kind}`)}
                </p>
                <p className="hint">
                  {item.serves.length > 0 ? item.serves.map((s) => `“${s}”`).join(", ") : t("items.serves_none")}
                </p>
                {item.flagged.length > 0 && <p className="warning">{t("items.flagged")}</p>}
              </div>
              {d.canEdit && (
                <div className="entry-actions">
                  <a href={`/people/${d.personId}/plan/items/${item.id}`}>
                    {t("items.change")}
                    <span className="visually-hidden">: {item.what}</span>
                  </a>
                  <RemoveEntryButton entryId={item.id} label={t("items.remove")} name={item.what} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {d.canEdit && (
        <section aria-labelledby="add-item">
          <h2 id="add-item">{t("items.addHeading")}</h2>
          {typed ? (
            <ItemFields
              questions={{
                entryId: typedEntry,
                kind: typedKind,
                providers: typedKind === "controlled-treatment" ? d.providers : [],
              }}
              outcomes={d.outcomes}
              values={typed.values}
              errors={typed.errors}
              changing={
                typed.values.intent === "change" && typeof typed.values.entryId === "string"
                  ? typed.values.entryId
                  : undefined
              }
            />
          ) : (
            <ValidatedForm
              schema={() => import("~/forms/plan").then((m) => m.chooseItemKindSchema)}
              values={refusal?.values}
              errors={refusal?.errors}
              labels={labels}
              hidden={{ intent: "choose" }}
            >
              <ChoiceField
                name="menuEntryId"
                legend={labels.menuEntryId}
                hint={t("items.chooseHint")}
                options={choices}
              />
              <SubmitButton>{t("items.next")}</SubmitButton>
            </ValidatedForm>
          )}
        </section>
      )}
    </>
  );
}
