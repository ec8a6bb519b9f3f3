import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData } from "react-router";
import { ChoiceField, ErrorSummary, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { changeDecisionSchema } from "~/forms/signoff";
import { requireRecordAccess } from "~/server/access.server";
import { parseForm, fieldErrors } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { decideChange } from "~/models/signoff.server";
import { changeRequestsView } from "~/views/signoff-view.server";
import type { Route } from "./+types/change-requests";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["signoff", "plan", "journey-ui"] };

/**
 * The lead professional's screen for changes after sign-off that wait for them: one change at a
 * time, with what would change and why it needs them; agreed or not, with reasons, through the
 * workflow's "decide-change". The signed-off plan stays in force until they decide.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "sign-off");
  const view = await changeRequestsView(access.person.id, languageOf(context));
  const url = new URL(request.url);
  const asked = url.searchParams.get("change");
  const current = view.waiting.find((c) => c.id === asked) ?? view.waiting[0] ?? null;
  return {
    personId: access.person.id,
    personName: access.personName,
    ...view,
    current,
    others: view.waiting.filter((c) => c.id !== current?.id),
    done: url.searchParams.get("done"),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "sign-off");
  const form = await parseForm(request, changeDecisionSchema);
  if (!form.ok) return replyWithErrors(form);
  const result = await decideChange(access, form.data);
  if (!result.ok) return replyWithErrors(fieldErrors(form.values, { [result.field ?? "_form"]: result.reason }));
  return redirect(`/people/${access.person.id}/plan/change-requests?done=decided`);
}

export default function ChangeRequests({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation(["signoff", "plan"]);
  const refusal = useActionData<typeof action>();
  const title = t("changeRequests.title", { name: d.personName });
  const labels = { decision: t("changeRequests.decisionLegend"), reason: t("changeRequests.reason") };
  const c = d.current;
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{title}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/plan/using`}>{t("common:form.back")}</a>
      </p>
      <h1>{title}</h1>
      {d.done === "decided" && (
        <p className="confirmation" role="status">
          {t("changeRequests.decided")}
        </p>
      )}
      <p>{t("changeRequests.intro", { name: d.personName })}</p>
      {!c ? (
        <>
          {/* A decision refused because the change was decided already: said here, with no form to hold it. */}
          {refusal?.errors && <ErrorSummary errors={refusal.errors} labels={{}} />}
          <p>{t("changeRequests.none")}</p>
        </>
      ) : (
        <section aria-labelledby="change-request">
          <h2 id="change-request">
            {t("changeRequests.requestHeading", { amount: c.amount, from: c.from, to: c.to })}
          </h2>
          <p className="hint">{t("changeRequests.askedBy", { by: c.by, when: c.when })}</p>
          <h3>{t("changeRequests.whyWaiting")}</h3>
          <ul className="list">
            {c.reasons.map((r) => (
              <li key={r}>{t(`plan:${r}`)}</li>
            ))}
          </ul>
          <h3>{t("changeRequests.whatChanges")}</h3>
          {!c.possible && <p className="warning">{t("changeRequests.notPossible", { from: c.from })}</p>}
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("changeRequests.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("changeRequests.item")}</th>
                  <th scope="col">{t("changeRequests.now")}</th>
                  <th scope="col">{t("changeRequests.after")}</th>
                </tr>
              </thead>
              <tbody>
                {c.items.map((item) => (
                  <tr key={item.what}>
                    <th scope="row">{item.what}</th>
                    <td>{item.now}</td>
                    <td>{item.after}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {c.movedSoFar && (
            <p className="inset">
              {t("changeRequests.movedSoFar", {
                moved: c.movedSoFar,
                allowed: d.allowed,
                percent: d.percent,
                budget: d.budget,
              })}
            </p>
          )}
          <ValidatedForm
            schema={() => import("~/forms/signoff").then((m) => m.changeDecisionSchema)}
            values={refusal?.values}
            errors={refusal?.errors}
            labels={labels}
            hidden={{ changeId: c.id }}
          >
            <ChoiceField
              name="decision"
              legend={labels.decision}
              options={[
                { value: "agree", label: t("changeRequests.agree") },
                { value: "not-agree", label: t("changeRequests.notAgree") },
              ]}
            />
            <TextField name="reason" label={labels.reason} multiline />
            <SubmitButton>{t("changeRequests.decide")}</SubmitButton>
          </ValidatedForm>
        </section>
      )}
      {d.others.length > 0 && (
        <section aria-labelledby="other-requests">
          <h2 id="other-requests">{t("changeRequests.others")}</h2>
          <ul className="list">
            {d.others.map((o) => (
              <li key={o.id}>
                <a href={`/people/${d.personId}/plan/change-requests?change=${o.id}`}>
                  {t("changeRequests.requestHeading", { amount: o.amount, from: o.from, to: o.to })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {d.decided.length > 0 && (
        <section aria-labelledby="decided-requests">
          <h2 id="decided-requests">{t("changeRequests.recentHeading")}</h2>
          <ul className="list">
            {d.decided.map((o) => (
              <li key={o.id}>
                <p>{t("changeRequests.requestHeading", { amount: o.amount, from: o.from, to: o.to })}</p>
                <p className="hint">
                  {t(o.agreed ? "changeRequests.agreedLine" : "changeRequests.notAgreedLine", {
                    by: o.by,
                    when: o.when,
                    reason: o.reason,
                  })}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
