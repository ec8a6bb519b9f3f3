import { useTranslation } from "react-i18next";
import { useActionData } from "react-router";
import { ChoiceField, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { RemoveEntryButton } from "~/components/remove-entry";
import { PageTitle } from "~/components/page-title";
import { NotNowPage, PlanLockNotice } from "~/components/plan-lock";
import { planPageState } from "~/routes/plan/plan-access.server";
import { content } from "~/content/content.server";
import { findEntry } from "~/domain/menu";
import { planItemFrom } from "~/domain/plan-items";
import { itemFormSchema } from "~/forms/plan";
import { requireRecordAccess } from "~/server/access.server";
import { formatMoney } from "~/lib/format";
import { errorWith } from "~/lib/forms";
import { languageOf } from "~/lib/i18n.server";
import { audit } from "~/models/audit.server";
import { menuInForce } from "~/models/menu.server";
import { loadPlan } from "~/models/plan.server";
import type { Route } from "./+types/items";
import { planListAction } from "~/routes/plan/list-action.server";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["plan", "menu"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = requireRecordAccess(context, request, params.personId, "view-record");
  const lang = languageOf(context);
  const { menu, providers } = content();
  const inForce = menuInForce();
  const { plan } = loadPlan(access.person.id);
  const title = (id?: string) => (id ? (findEntry(menu, id)?.title[lang] ?? id) : "");
  return {
    personId: access.person.id,
    ...planPageState(access, "edit"),
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
    choices: [
      ...inForce.entries
        .filter((e) => e.kind !== "absolute-exclusion")
        .map((e) => ({ value: e.id, label: e.title[lang], hint: menu.kinds[e.kind]?.name[lang] })),
      { value: "something-else", label: "", hint: undefined },
    ],
    providers: providers.providers.map((p) => ({
      value: p.id,
      label: `${p.name} · ${formatMoney(p.pricePerSessionPence, lang)} · ${p.registrationNumber}`,
    })),
    outcomes: plan.outcomes.map((o) => ({ value: o.id, label: o.words })),
    done: new URL(request.url).searchParams.get("done"),
  };
}

export async function action(args: Route.ActionArgs) {
  return planListAction(args, "items", "items", itemFormSchema, (data, { id, plan, access }) => {
    // Checked against the menu in force: the item records that version (a retired entry is refused).
    const { providers } = content();
    const built = planItemFrom(menuInForce(), providers, {
      id,
      what: data.what,
      menuEntryId: data.menuEntryId,
      somethingElse: data.somethingElse,
      provider: data.provider,
      providerId: data.providerId,
      frequency: data.frequency,
      unitCostPence: data.unitCost ?? 0,
      unitsPerYear: data.unitsPerYear,
      outcomeIds: data.outcomeIds.filter((outcomeId) => plan.outcomes.some((o) => o.id === outcomeId)),
    });
    if (!built.ok) {
      audit({
        actorId: access.actor.id,
        personId: access.person.id,
        action: "add-plan-item",
        result: "refused",
        detail: { menuEntryId: data.menuEntryId, reason: built.refusal.key },
      });
      return {
        errors: {
          [built.refusal.field]: built.refusal.params
            ? errorWith(built.refusal.key, built.refusal.params)
            : built.refusal.key,
        },
      };
    }
    const done =
      built.flagged.length > 0
        ? "flagged"
        : built.item.kind === "co-designed" || built.item.kind === "something-else"
          ? "needsAgreement"
          : "added";
    return { entry: built.item, done };
  });
}

export default function Items({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation(["plan", "menu"]);
  const result = useActionData<typeof action>();
  const refusal = result && "errors" in result ? result : undefined;
  const stopped = result && "notNow" in result ? result.notNow : undefined;
  const labels = {
    what: t("items.what"),
    menuEntryId: t("items.choose"),
    somethingElse: t("items.somethingElseText"),
    provider: t("items.provider"),
    providerId: t("items.providerId"),
    frequency: t("items.frequency"),
    unitCost: t("items.unitCost"),
    unitsPerYear: t("items.unitsPerYear"),
    outcomeIds: t("items.serves"),
  };
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
              : t(`items.${d.done === "removed" ? "removed" : "added"}`)}
        </p>
      )}
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
              {d.canEdit && <RemoveEntryButton entryId={item.id} label={t("items.remove")} name={item.what} />}
            </li>
          ))}
        </ul>
      )}
      {d.canEdit && (
        <section aria-labelledby="add-item">
          <h2 id="add-item">{t("items.addHeading")}</h2>
          <ValidatedForm
            schema={itemFormSchema}
            values={refusal?.values}
            errors={refusal?.errors}
            labels={labels}
            hidden={{ intent: "add" }}
          >
            <TextField name="what" label={labels.what} />
            <ChoiceField name="menuEntryId" legend={labels.menuEntryId} options={choices} />
            <TextField name="somethingElse" label={labels.somethingElse} multiline />
            <ChoiceField
              name="providerId"
              legend={labels.providerId}
              hint={t("items.unitCostHint")}
              options={[{ value: "", label: t("items.noProvider") }, ...d.providers]}
            />
            <TextField name="provider" label={labels.provider} />
            <TextField name="frequency" label={labels.frequency} />
            <TextField name="unitCost" label={labels.unitCost} inputMode="text" short />
            <TextField name="unitsPerYear" label={labels.unitsPerYear} type="number" short inputMode="numeric" />
            {d.outcomes.length > 0 && (
              <ChoiceField name="outcomeIds" legend={labels.outcomeIds} options={d.outcomes} multiple />
            )}
            <SubmitButton>{t("items.add")}</SubmitButton>
          </ValidatedForm>
        </section>
      )}
    </>
  );
}
