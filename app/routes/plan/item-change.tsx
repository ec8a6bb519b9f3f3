import { useTranslation } from "~/lib/use-translation";
import { data, useActionData } from "react-router";
import { PageTitle } from "~/components/page-title";
import { NotNowPage, PlanLockNotice } from "~/components/plan-lock";
import { languageOf } from "~/lib/i18n.server";
import { loadPlan } from "~/models/plan.server";
import { requireRecordAccess } from "~/server/access.server";
import type { Route } from "./+types/item-change";
import { ItemFields, itemLabels } from "~/components/item-fields";
import { itemAnswers, itemQuestions, itemsAction } from "./items-action.server";
import { planPageState } from "./plan-access.server";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["plan", "menu"] };

/** Changing a saved item: the same questions as adding it, answered as saved. The plan's history keeps the change. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "edit-draft");
  const { plan } = await loadPlan(access.person.id);
  const item = plan.items.find((i) => i.id === params.itemId);
  const questions = item
    ? await itemQuestions(
        item.kind === "something-else" ? "something-else" : (item.menuEntryId ?? ""),
        languageOf(context),
      )
    : undefined;
  if (!item || !questions) throw data(null, { status: 404 });
  return {
    personId: access.person.id,
    ...(await planPageState(access, "edit")),
    itemId: item.id,
    what: item.what,
    answers: itemAnswers(item),
    questions,
    outcomes: plan.outcomes.map((o) => ({ value: o.id, label: o.words })),
  };
}

export async function action(args: Route.ActionArgs) {
  return itemsAction(args);
}

export default function ChangeItem({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation(["plan", "menu"]);
  const result = useActionData<typeof action>();
  const refusal = result && "errors" in result ? result : undefined;
  const stopped = result && "notNow" in result ? result.notNow : undefined;
  const back = `/people/${d.personId}/plan/items`;
  if (stopped)
    return (
      <NotNowPage
        notNow={stopped}
        labels={itemLabels(t)}
        title={t("items.title")}
        personId={d.personId}
        backHref={back}
      />
    );
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("items.changeTitle", { what: d.what })}</PageTitle>
      <p>
        <a href={back}>{t("common:form.back")}</a>
      </p>
      <h1>{t("items.changeTitle", { what: d.what })}</h1>
      <PlanLockNotice lock={d.lock} personId={d.personId} />
      {d.canEdit && (
        <ItemFields
          questions={d.questions}
          outcomes={d.outcomes}
          values={refusal?.values ?? d.answers}
          errors={refusal?.errors}
          changing={d.itemId}
        />
      )}
    </>
  );
}
