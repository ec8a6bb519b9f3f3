import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData } from "react-router";
import { SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { mayActOnRecord } from "~/domain/access";
import { askForReviewSchema, thinkAgainSchema } from "~/forms/signoff";
import { requireRecordAccess } from "~/server/access.server";
import { formatDate } from "~/lib/format";
import { parseFormValues, fieldErrors } from "~/lib/forms.server";
import { languageOf, translatorOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { currentPlan } from "~/models/plan.server";
import { decisionsView } from "~/views/signoff-view.server";
import { askForReview, askToThinkAgain, decisionHistory, reviewsOf } from "~/models/signoff.server";
import { userNames } from "~/models/users.server";
import type { Route } from "./+types/decision";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["plan", "signoff"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const lang = languageOf(context);
  const t = translatorOf(context);
  const state = (await currentPlan(access.person.id))?.state ?? "draft";
  const reviews = await reviewsOf(access.person.id);
  const names = await userNames(reviews.map((r) => r.heldBy));
  return {
    personId: access.person.id,
    personName: access.personName,
    isSelf: access.standing === "self",
    state,
    canThinkAgain: state === "changes-requested" && mayActOnRecord(access.standing, "submit-plan"),
    canEdit: state === "changes-requested" && mayActOnRecord(access.standing, "edit-draft"),
    canAskForReview: state === "signed-off" && mayActOnRecord(access.standing, "submit-plan"),
    decisions: await decisionsView(await decisionHistory(access.person.id), lang, t),
    reviews: reviews.map((r) => ({
      id: r.id,
      heading: t("signoff:decision.reviewHeld", {
        by: names.get(r.heldBy) ?? "—",
        date: formatDate(r.heldAt, lang),
        cycle: r.cycle,
      }),
      lines: [
        [t("signoff:meeting.whatIsWorking"), r.whatIsWorking],
        [t("signoff:meeting.whatIsNot"), r.whatIsNot],
        [t("signoff:meeting.changesAgreed"), r.changesAgreed],
        [t("signoff:meeting.nextReviewDate"), formatDate(r.nextReviewDate, lang)],
      ],
    })),
    done: new URL(request.url).searchParams.get("done"),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "submit-plan");
  const formData = await request.formData();
  if (formData.get("intent") === "ask-for-review") {
    const asked = parseFormValues(formData, askForReviewSchema);
    if (!asked.ok) return replyWithErrors(asked);
    const result = await askForReview(access, asked.data.reason ?? "");
    if (!result.ok) return replyWithErrors(fieldErrors(asked.values, { _form: result.reason }));
    return redirect(`/people/${access.person.id}/plan/decision?done=review-asked`);
  }
  const form = parseFormValues(formData, thinkAgainSchema);
  if (!form.ok) return replyWithErrors(form);
  const result = await askToThinkAgain(access, form.data.reasons);
  if (!result.ok) return replyWithErrors(fieldErrors(form.values, { [result.field ?? "_form"]: result.reason }));
  return redirect(`/people/${access.person.id}/plan/decision?done=think-again`);
}

export default function Decision({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation(["signoff", "plan"]);
  const refusal = useActionData<typeof action>();
  const title = d.isSelf ? t("decision.title") : t("decision.titleFor", { name: d.personName });
  const base = `/people/${d.personId}/plan`;
  const latest = d.decisions[0];
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{title}</PageTitle>
      <p>
        <a href={base}>{t("common:form.back")}</a>
      </p>
      <h1>{title}</h1>
      {d.done && (
        <p className="confirmation" role="status">
          {t(d.done === "review-asked" ? "decision.reviewAsked" : "decision.thinkAgainSent")}
        </p>
      )}
      <p>{t("decision.state", { state: t(`plan:states.${d.state}`) })}</p>
      {latest && <p className="inset">{t(`decision.next.${latest.decision}`)}</p>}
      {d.canEdit && (
        // The main way on is changing the plan; asking to think again is there, but quieter.
        <div className="button-group">
          <a className="button" href={base}>
            {t("decision.changeMyPlan")}
          </a>
          <a className="button button--secondary" href={`${base}/submit`}>
            {t("decision.sendAgain")}
          </a>
        </div>
      )}
      {d.decisions.length === 0 ? (
        <p>{t("decision.none")}</p>
      ) : (
        d.decisions.map((dec) => (
          <section key={dec.id} aria-labelledby={`decision-${dec.id}`} className="decision">
            <h2 id={`decision-${dec.id}`}>{dec.heading}</h2>
            <p className="hint">{dec.cycleVersion}</p>
            {dec.reason && <p>{t("decision.reason", { reason: dec.reason })}</p>}
            {dec.risk && <p>{t("decision.risk", { risk: dec.risk })}</p>}
            {dec.panelSat && (
              <p data-testid="panel-sat">
                {t("decision.panelSat")} <bdi>{dec.panelSat}</bdi>
              </p>
            )}
            {dec.reviewDate && <p>{t("decision.reviewDate", { date: dec.reviewDate })}</p>}
            {dec.budget && <p>{t("decision.budget", { amount: dec.budget })}</p>}
            {dec.criteria.length > 0 && (
              <>
                <h3>{t("decision.criteria")}</h3>
                <ul className="list">
                  {dec.criteria.map((c) => (
                    <li key={c.criterion}>
                      <strong>{c.line}</strong>
                      {c.comment && <> · {c.comment}</>}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {dec.items.length > 0 && (
              <>
                <h3>{t("decision.items")}</h3>
                <ul className="list">
                  {dec.items.map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
                </ul>
              </>
            )}
          </section>
        ))
      )}
      {d.canThinkAgain && (
        <section aria-labelledby="think-again">
          <h2 id="think-again">{t("decision.thinkAgainHeading")}</h2>
          <p>{t("decision.thinkAgainIntro")}</p>
          <ValidatedForm
            schema={() => import("~/forms/signoff").then((m) => m.thinkAgainSchema)}
            values={refusal?.values}
            errors={refusal?.errors}
            labels={{ reasons: t("decision.reasons") }}
          >
            <TextField name="reasons" label={t("decision.reasons")} multiline />
            <SubmitButton className="button--secondary">{t("decision.thinkAgain")}</SubmitButton>
          </ValidatedForm>
        </section>
      )}
      {d.canAskForReview && (
        <section aria-labelledby="early-review">
          <h2 id="early-review">{t("decision.earlyReviewHeading")}</h2>
          <p>{t("decision.earlyReviewIntro")}</p>
          <ValidatedForm
            schema={() => import("~/forms/signoff").then((m) => m.askForReviewSchema)}
            values={refusal?.values}
            errors={refusal?.errors}
            labels={{ reason: t("decision.earlyReviewReason") }}
            hidden={{ intent: "ask-for-review" }}
          >
            <TextField name="reason" label={t("decision.earlyReviewReason")} multiline />
            <SubmitButton>{t("decision.earlyReviewSend")}</SubmitButton>
          </ValidatedForm>
        </section>
      )}
      {d.reviews.length > 0 && (
        <section aria-labelledby="reviews">
          <h2 id="reviews">{t("decision.reviews")}</h2>
          {d.reviews.map((r) => (
            <div key={r.id}>
              <h3>{r.heading}</h3>
              <dl className="summary-list">
                {r.lines.map(([k, v]) => (
                  <div key={k}>
                    <dt>{k}</dt>
                    <dd>{v}</dd>
                  </div>
                ))}
              </dl>
            </div>
          ))}
        </section>
      )}
    </>
  );
}
