import { useTranslation } from "~/lib/use-translation";
import { useActionData } from "react-router";
import { ChoiceField, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { RemoveEntryButton } from "~/components/remove-entry";
import { PageTitle } from "~/components/page-title";
import { NotNowPage, PlanLockNotice } from "~/components/plan-lock";
import { planPageState } from "~/routes/plan/plan-access.server";
import { content } from "~/content/content.server";
import { outcomeFormSchema } from "~/forms/plan";
import { requireRecordAccess } from "~/server/access.server";
import { languageOf } from "~/lib/i18n.server";
import { loadPlan } from "~/models/plan.server";
import type { Route } from "./+types/outcomes";
import { planListAction } from "~/routes/plan/list-action.server";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["plan"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const lang = languageOf(context);
  const areas = content().lifeAreas.areas;
  const { plan } = await loadPlan(access.person.id);
  const areaName = (id: string) => areas.find((a) => a.id === id)?.name[lang] ?? id;
  return {
    personId: access.person.id,
    ...(await planPageState(access, "edit")),
    outcomes: plan.outcomes.map((o) => ({
      id: o.id,
      words: o.words,
      area: areaName(o.lifeAreaId),
      now: o.now,
      hope: o.hope,
    })),
    areas: areas.map((a) => ({ value: a.id, label: a.name[lang], hint: a.description[lang] })),
    done: new URL(request.url).searchParams.get("done"),
  };
}

export async function action(args: Route.ActionArgs) {
  return planListAction(args, "outcomes", "outcomes", outcomeFormSchema, ({ intent: _intent, ...outcome }, { id }) =>
    content().lifeAreas.areas.some((a) => a.id === outcome.lifeAreaId)
      ? { entry: { id, ...outcome } }
      : { errors: { lifeAreaId: "plan:errors.lifeAreaRequired" } },
  );
}

export default function Outcomes({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("plan");
  const result = useActionData<typeof action>();
  const refusal = result && "errors" in result ? result : undefined;
  const stopped = result && "notNow" in result ? result.notNow : undefined;
  const labels = {
    words: t("outcomes.words"),
    lifeAreaId: t("outcomes.lifeArea"),
    now: t("outcomes.now"),
    hope: t("outcomes.hope"),
  };
  if (stopped)
    return (
      <NotNowPage
        notNow={stopped}
        labels={labels}
        title={t("outcomes.title")}
        personId={d.personId}
        backHref={`/people/${d.personId}/plan/outcomes`}
      />
    );
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("outcomes.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/plan`}>{t("common:form.back")}</a>
      </p>
      <h1>{t("outcomes.title")}</h1>
      <PlanLockNotice lock={d.lock} personId={d.personId} />
      {d.done && (
        <p className="confirmation" role="status">
          {t(`outcomes.${d.done === "removed" ? "removed" : "added"}`)}
        </p>
      )}
      <p>{t("outcomes.intro")}</p>
      {d.outcomes.length === 0 ? (
        <p>{t("outcomes.none")}</p>
      ) : (
        <ul className="task-list">
          {d.outcomes.map((o) => (
            <li key={o.id}>
              <div>
                <p>“{o.words}”</p>
                <p className="hint">
                  {o.area} · {t("outcomes.nowHope", { now: o.now, hope: o.hope })}
                </p>
              </div>
              {d.canEdit && <RemoveEntryButton entryId={o.id} label={t("outcomes.remove")} name={o.words} />}
            </li>
          ))}
        </ul>
      )}
      {d.canEdit && (
        <section aria-labelledby="add-outcome">
          <h2 id="add-outcome">{t("outcomes.addHeading")}</h2>
          <ValidatedForm
            schema={() => import("~/forms/plan").then((m) => m.outcomeFormSchema)}
            values={refusal?.values}
            errors={refusal?.errors}
            labels={labels}
            hidden={{ intent: "add" }}
          >
            <TextField name="words" label={labels.words} multiline />
            <ChoiceField name="lifeAreaId" legend={labels.lifeAreaId} options={d.areas} />
            <TextField name="now" label={labels.now} type="number" short inputMode="numeric" />
            <TextField name="hope" label={labels.hope} type="number" short inputMode="numeric" />
            <SubmitButton>{t("outcomes.add")}</SubmitButton>
          </ValidatedForm>
        </section>
      )}
    </>
  );
}
