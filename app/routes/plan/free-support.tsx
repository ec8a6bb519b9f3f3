import { useTranslation } from "~/lib/use-translation";
import { useActionData } from "react-router";
import { SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { RemoveEntryButton } from "~/components/remove-entry";
import { PageTitle } from "~/components/page-title";
import { NotNowPage, PlanLockNotice } from "~/components/plan-lock";
import { planPageState } from "~/routes/plan/plan-access.server";
import { freeSupportFormSchema } from "~/forms/plan-sections";
import { requireRecordAccess } from "~/server/access.server";
import { loadPlan } from "~/models/plan.server";
import type { Route } from "./+types/free-support";
import { planListAction } from "~/routes/plan/list-action.server";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["journey-ui", "plan"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const { plan } = await loadPlan(access.person.id);
  return {
    personId: access.person.id,
    ...(await planPageState(access, "edit")),
    entries: plan.freeSupport,
    done: new URL(request.url).searchParams.get("done"),
  };
}

export async function action(args: Route.ActionArgs) {
  return planListAction(args, "freeSupport", "free-support", freeSupportFormSchema, (data, { id }) => ({
    entry: { id, who: data.who, what: data.what, howOften: data.howOften ?? "" },
  }));
}

export default function FreeSupport({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("journey-ui");
  const result = useActionData<typeof action>();
  const refusal = result && "errors" in result ? result : undefined;
  const stopped = result && "notNow" in result ? result.notNow : undefined;
  const labels = { who: t("freeSupport.who"), what: t("freeSupport.what"), howOften: t("freeSupport.howOften") };
  if (stopped)
    return (
      <NotNowPage
        notNow={stopped}
        labels={labels}
        title={t("freeSupport.title")}
        personId={d.personId}
        backHref={`/people/${d.personId}/plan/free-support`}
      />
    );
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("freeSupport.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/plan`}>{t("common:form.back")}</a>
      </p>
      <h1>{t("freeSupport.title")}</h1>
      <PlanLockNotice lock={d.lock} personId={d.personId} />
      {d.done && (
        <p className="confirmation" role="status">
          {t(d.done === "removed" ? "list.removed" : "list.added")}
        </p>
      )}
      <p>{t("freeSupport.intro")}</p>
      {d.entries.length === 0 ? (
        <p>{t("list.none")}</p>
      ) : (
        <ul className="task-list">
          {d.entries.map((e) => (
            <li key={e.id}>
              <div>
                <p>
                  <strong>{e.who}</strong>: {e.what}
                </p>
                {e.howOften && <p className="hint">{e.howOften}</p>}
              </div>
              {d.canEdit && <RemoveEntryButton entryId={e.id} label={t("list.remove")} name={`${e.who}, ${e.what}`} />}
            </li>
          ))}
        </ul>
      )}
      {d.canEdit && (
        <section aria-labelledby="add-free-support">
          <h2 id="add-free-support">{t("freeSupport.addHeading")}</h2>
          <ValidatedForm
            schema={() => import("~/forms/plan-sections").then((m) => m.freeSupportFormSchema)}
            values={refusal?.values}
            errors={refusal?.errors}
            labels={labels}
            hidden={{ intent: "add" }}
          >
            <TextField name="who" label={labels.who} hint={t("freeSupport.whoHint")} />
            <TextField name="what" label={labels.what} multiline />
            <TextField name="howOften" label={labels.howOften} />
            <SubmitButton>{t("list.add")}</SubmitButton>
          </ValidatedForm>
        </section>
      )}
    </>
  );
}
