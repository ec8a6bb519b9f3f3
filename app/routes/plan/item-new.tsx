import { useTranslation } from "~/lib/use-translation";
import { data, useActionData } from "react-router";
import { PageTitle } from "~/components/page-title";
import { NotNowPage, PlanLockNotice } from "~/components/plan-lock";
import { languageOf } from "~/lib/i18n.server";
import { loadPlan } from "~/models/plan.server";
import { requireRecordAccess } from "~/server/access.server";
import type { Route } from "./+types/item-new";
import { ItemFields, itemLabels } from "~/components/item-fields";
import { itemQuestions, itemsAction } from "./items-action.server";
import { planPageState } from "./plan-access.server";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["plan", "menu"] };

/** Step two of adding support or treatment: only the questions the chosen kind needs. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "edit-draft");
  const questions = await itemQuestions(params.entryId, languageOf(context));
  if (!questions) throw data(null, { status: 404 });
  const { plan } = await loadPlan(access.person.id);
  return {
    personId: access.person.id,
    ...(await planPageState(access, "edit")),
    questions,
    outcomes: plan.outcomes.map((o) => ({ value: o.id, label: o.words })),
  };
}

export async function action(args: Route.ActionArgs) {
  return itemsAction(args);
}

export default function NewItem({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation(["plan", "menu"]);
  const result = useActionData<typeof action>();
  const refusal = result && "errors" in result ? result : undefined;
  const stopped = result && "notNow" in result ? result.notNow : undefined;
  const back = `/people/${d.personId}/plan/items`;
  const title = d.questions.kind === "something-else" ? t("items.somethingElse") : d.questions.title;
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
      <PageTitle error={Boolean(refusal)}>{t("items.newTitle", { what: title })}</PageTitle>
      <p>
        <a href={back}>{t("items.chooseAgain")}</a>
      </p>
      <h1>{t("items.newTitle", { what: title })}</h1>
      <PlanLockNotice lock={d.lock} personId={d.personId} />
      {"kindName" in d.questions && d.questions.kindName && <p className="hint">{d.questions.kindName}</p>}
      {d.canEdit && (
        <ItemFields questions={d.questions} outcomes={d.outcomes} values={refusal?.values} errors={refusal?.errors} />
      )}
    </>
  );
}
