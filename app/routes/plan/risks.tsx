import { useTranslation } from "~/lib/use-translation";
import { useActionData } from "react-router";
import { SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { RemoveEntryButton } from "~/components/remove-entry";
import { PageTitle } from "~/components/page-title";
import { NotNowPage, PlanLockNotice } from "~/components/plan-lock";
import { planPageState } from "~/routes/plan/plan-access.server";
import { riskFormSchema } from "~/forms/plan-sections";
import { requireRecordAccess } from "~/server/access.server";
import { loadPlan } from "~/models/plan.server";
import type { Route } from "./+types/risks";
import { planListAction } from "~/routes/plan/list-action.server";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["journey-ui", "plan"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const { plan } = await loadPlan(access.person.id);
  return {
    personId: access.person.id,
    ...(await planPageState(access, "edit")),
    entries: plan.risks,
    done: new URL(request.url).searchParams.get("done"),
  };
}

export async function action(args: Route.ActionArgs) {
  return planListAction(args, "risks", "risks", riskFormSchema, (data, { id }) => ({
    entry: { id, risk: data.risk, howManaged: data.howManaged },
  }));
}

export default function Risks({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("journey-ui");
  const result = useActionData<typeof action>();
  const refusal = result && "errors" in result ? result : undefined;
  const stopped = result && "notNow" in result ? result.notNow : undefined;
  const labels = { risk: t("risks.risk"), howManaged: t("risks.howManaged") };
  if (stopped)
    return (
      <NotNowPage
        notNow={stopped}
        labels={labels}
        title={t("risks.title")}
        personId={d.personId}
        backHref={`/people/${d.personId}/plan/risks`}
      />
    );
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("risks.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/plan`}>{t("common:form.back")}</a>
      </p>
      <h1>{t("risks.title")}</h1>
      <PlanLockNotice lock={d.lock} personId={d.personId} />
      {d.done && (
        <p className="confirmation" role="status">
          {t(d.done === "removed" ? "list.removed" : "list.added")}
        </p>
      )}
      <p>{t("risks.intro")}</p>
      <p>
        <a href={`/people/${d.personId}/plan/crisis`}>{t("risks.crisisLink")}</a>
      </p>
      {d.entries.length === 0 ? (
        <p>{t("list.none")}</p>
      ) : (
        <ul className="task-list">
          {d.entries.map((e) => (
            <li key={e.id}>
              <div>
                <p>
                  <strong>{e.risk}</strong>
                </p>
                <p className="hint">{t("risks.managedAs", { how: e.howManaged })}</p>
              </div>
              {d.canEdit && <RemoveEntryButton entryId={e.id} label={t("list.remove")} name={e.risk} />}
            </li>
          ))}
        </ul>
      )}
      {d.canEdit && (
        <section aria-labelledby="add-risk">
          <h2 id="add-risk">{t("risks.addHeading")}</h2>
          <ValidatedForm
            schema={() => import("~/forms/plan-sections").then((m) => m.riskFormSchema)}
            values={refusal?.values}
            errors={refusal?.errors}
            labels={labels}
            hidden={{ intent: "add" }}
          >
            <TextField name="risk" label={labels.risk} multiline />
            <TextField name="howManaged" label={labels.howManaged} multiline />
            <SubmitButton>{t("list.add")}</SubmitButton>
          </ValidatedForm>
        </section>
      )}
    </>
  );
}
