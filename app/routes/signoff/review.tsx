import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData } from "react-router";
import { ChoiceField, DateField, ErrorSummary, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { PlanSnapshot } from "~/components/plan-snapshot";
import { decisionSchema } from "~/forms/signoff";
import { criterionField, itemField } from "~/forms/field-names";
import { requireRecordAccess } from "~/server/access.server";
import { formatDate } from "~/lib/format";
import { parseForm, fieldErrors } from "~/lib/forms.server";
import { languageOf, translatorOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { changedParts, planCheckView, sentPlanDocumentView } from "~/views/plan-view.server";
import { currentPlan } from "~/models/plan.server";
import { decisionsView, snapshotView } from "~/views/signoff-view.server";
import {
  decisionsOf,
  decide,
  decisionHistory,
  parseSnapshot,
  submissionsOf,
  suggestedReviewDate,
} from "~/models/signoff.server";
import { PlanDocumentView } from "~/components/plan-document";
import { userNames } from "~/models/users.server";
import type { Route } from "./+types/review";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["plan", "signoff", "journey-ui"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "sign-off");
  const lang = languageOf(context);
  const t = translatorOf(context);
  const row = await currentPlan(access.person.id);
  const state = row?.state ?? "draft";
  // Every version sent, oldest first: the one to decide on is the newest.
  const sent = row && (state === "submitted" || state === "referred-to-panel") ? await submissionsOf(row.id) : [];
  const submission = sent.at(-1);
  const snapshot = submission ? parseSnapshot(submission) : undefined;
  // The version sent before this one (a reconsideration re-sends the same words, so it is skipped); only
  // that one's plan is parsed, not every earlier one.
  const before = submission
    ? sent.filter((s) => s.version < submission.version && s.snapshot !== submission.snapshot).at(-1)
    : undefined;
  const previous = before ? parseSnapshot(before) : undefined;
  const check = snapshot ? planCheckView(snapshot.plan, snapshot.budget.totalPence, lang, t) : null;
  const reviewDate = await suggestedReviewDate(access.person.id);
  return {
    personId: access.person.id,
    personName: access.personName,
    state,
    // A referred plan is decided by the panel; the lead professional who referred it waits for them.
    byPanel: state === "referred-to-panel",
    referral:
      state === "referred-to-panel" && row
        ? ((await decisionsOf(row.id))
            .filter((x) => x.decision === "referred-to-panel")
            .map((x) => ({ risk: x.risk, reason: x.reason }))
            .at(-1) ?? null)
        : null,
    mayDecide:
      state === "referred-to-panel" ? access.standing === "team-member" : access.standing === "lead-professional",
    submission: submission
      ? {
          id: submission.id,
          heading: t("signoff:review.version", {
            version: submission.version,
            by: (await userNames([submission.submittedBy])).get(submission.submittedBy) ?? "—",
            date: formatDate(submission.submittedAt, lang),
          }),
          reason: submission.reason,
          reasonVersion: snapshot?.reasonVersion ?? null,
          reconsideration: submission.reconsideration,
          reconsiderationReasons: submission.reconsiderationReasons,
        }
      : null,
    view: snapshot ? await snapshotView(snapshot, lang, t) : null,
    // Every part of the plan as sent, judged against the budget it was sent with.
    doc: snapshot
      ? sentPlanDocumentView(
          snapshot.plan,
          { cycle: snapshot.cycle, budgetPence: snapshot.budget.totalPence, agreements: {} },
          lang,
          t,
        )
      : null,
    changed:
      previous && snapshot ? { since: previous.version, parts: changedParts(previous.plan, snapshot.plan) } : null,
    criteria: check
      ? check.criteria.map((c) => ({
          criterion: c.criterion,
          name: c.name,
          met: c.met,
          problems: c.problems.map((p) => p.text),
        }))
      : [],
    reviewDate,
    reviewDateExample: reviewDate.split("-").reverse().map(Number).join(" "),
    earlier: row
      ? await decisionsView(
          (await decisionHistory(access.person.id)).filter((d) => d.planId === row.id),
          lang,
          t,
        )
      : [],
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "sign-off");
  const form = await parseForm(request, decisionSchema);
  if (!form.ok) return replyWithErrors(form);
  const result = await decide(access, form.data);
  if (!result.ok) return replyWithErrors(fieldErrors(form.values, { [result.field ?? "_form"]: result.reason }));
  return redirect(`/people/${access.person.id}/plan/decision`);
}

export default function ReviewPlan({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation(["signoff", "plan"]);
  const refusal = useActionData<typeof action>();
  const title = t("review.title", { name: d.personName });
  const labels: Record<string, string> = { decision: t("review.decision") };
  for (const c of d.criteria) {
    labels[criterionField(c.criterion, "met")] = c.name;
    labels[criterionField(c.criterion, "comment")] = t("review.comment", { criterion: c.name });
  }
  const agreeItems = d.view?.items.filter((i) => i.agreementIndex >= 0) ?? [];
  for (const item of agreeItems) {
    labels[itemField(item.agreementIndex, "agreement")] = t("review.agreement", { item: item.what });
    labels[itemField(item.agreementIndex, "adaptation")] = t("review.adaptation", { item: item.what });
  }
  Object.assign(labels, {
    reviewDate: t("review.reviewDate"),
    risk: t("review.risk"),
    reason: t("review.reason"),
    panelSat: t("review.panelSat"),
  });
  const initial = refusal?.values ?? {
    ...Object.fromEntries(d.criteria.map((c) => [criterionField(c.criterion, "met"), c.met ? "met" : "not-yet"])),
    reviewDate: d.reviewDate,
  };
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{title}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/plan`}>{t("common:form.back")}</a>
      </p>
      <h1>{title}</h1>
      <p className="hint">{t("review.state", { state: t(`plan:states.${d.state}`) })}</p>
      {!d.submission || !d.view ? (
        <>
          {/* A decision refused because the plan moved on (decided already): said here, with no form to hold it. */}
          {refusal?.errors && <ErrorSummary errors={refusal.errors} labels={labels} />}
          <p>{t("review.nothing")}</p>
        </>
      ) : (
        <>
          <p>
            <strong>{d.submission.heading}</strong>
          </p>
          <p className="inset">{t("review.frozen")}</p>
          {d.submission.reconsideration && (
            <div className="warning">
              <h2>{t("review.reconsideration")}</h2>
              <p>{t("review.reconsiderationReasons")}:</p>
              <blockquote>{d.submission.reconsiderationReasons}</blockquote>
            </div>
          )}
          {d.submission.reason && (
            <>
              <h2>{t("review.personReason")}</h2>
              <blockquote>{d.submission.reason}</blockquote>
              {d.submission.reasonVersion !== null && (
                <p className="hint">{t("review.reasonVersion", { version: d.submission.reasonVersion })}</p>
              )}
            </>
          )}
          {d.view.notMet.length > 0 && (
            <p>
              {t("review.notMetWhenSent")}: {d.view.notMet.join(", ")}
            </p>
          )}
          {d.changed && (
            <p className="warning" data-testid="changed-since">
              {d.changed.parts.length === 0
                ? t("review.nothingChanged", { version: d.changed.since })
                : t("review.changedSince", {
                    version: d.changed.since,
                    parts: d.changed.parts.map((p) => t(`plan:sections.${p}`)).join(", "),
                  })}
            </p>
          )}
          <section aria-labelledby="whole-plan">
            <h2 id="whole-plan">{t("review.wholePlan")}</h2>
            {d.doc && <PlanDocumentView doc={d.doc} changed={d.changed?.parts ?? []} />}
          </section>
          <PlanSnapshot view={d.view} />
          {d.byPanel && d.referral && (
            <section className="inset" aria-labelledby="referral">
              <h2 id="referral">{t("review.referralHeading")}</h2>
              {d.referral.risk && <p>{t("decision.risk", { risk: d.referral.risk })}</p>}
              {d.referral.reason && <p>{t("decision.reason", { reason: d.referral.reason })}</p>}
            </section>
          )}
          {!d.mayDecide ? (
            <p className="inset">{t(d.byPanel ? "review.withPanel" : "review.notYours")}</p>
          ) : (
            <ValidatedForm
              schema={() => import("~/forms/signoff").then((m) => m.decisionSchema)}
              values={initial}
              errors={refusal?.errors}
              labels={labels}
              hidden={{ submissionId: d.submission.id }}
            >
              <h2>{t("review.criteriaHeading")}</h2>
              <p>{t("review.criteriaIntro")}</p>
              {d.criteria.map((c) => (
                <div key={c.criterion}>
                  <ChoiceField
                    name={criterionField(c.criterion, "met")}
                    legend={c.name}
                    hint={[
                      t("review.suggested", { state: c.met ? t("review.met") : t("review.notYet") }),
                      ...c.problems,
                    ].join(" ")}
                    options={[
                      { value: "met", label: t("review.met") },
                      { value: "not-yet", label: t("review.notYet") },
                    ]}
                  />
                  <TextField
                    name={criterionField(c.criterion, "comment")}
                    label={labels[criterionField(c.criterion, "comment")]!}
                    multiline
                  />
                </div>
              ))}
              {agreeItems.length > 0 && (
                <>
                  <h2>{t("review.itemsHeading")}</h2>
                  <p>{t("review.itemsIntro")}</p>
                  {agreeItems.map((item) => (
                    <div key={item.id}>
                      <ChoiceField
                        name={itemField(item.agreementIndex, "agreement")}
                        legend={labels[itemField(item.agreementIndex, "agreement")]!}
                        hint={item.flagged ? t("plan.flagged") : undefined}
                        options={[
                          { value: "agree", label: t("review.agree") },
                          { value: "adapt", label: t("review.adapt") },
                          { value: "not-agree", label: t("review.notAgree") },
                        ]}
                      />
                      <TextField
                        name={itemField(item.agreementIndex, "adaptation")}
                        label={labels[itemField(item.agreementIndex, "adaptation")]!}
                      />
                    </div>
                  ))}
                </>
              )}
              <h2>{t("review.decisionHeading")}</h2>
              <ChoiceField
                name="decision"
                legend={labels.decision!}
                options={[
                  { value: "sign-off", label: t("review.signOff"), hint: t("review.signOffHint") },
                  { value: "request-changes", label: t("review.requestChanges"), hint: t("review.requestChangesHint") },
                  ...(d.byPanel
                    ? []
                    : [
                        {
                          value: "refer-to-panel",
                          label: t("review.referToPanel"),
                          hint: t("review.referToPanelHint"),
                        },
                      ]),
                ]}
              />
              <DateField
                name="reviewDate"
                legend={labels.reviewDate!}
                hint={t("review.reviewDateHint", { example: d.reviewDateExample })}
              />
              {d.byPanel ? (
                <TextField name="panelSat" label={labels.panelSat!} hint={t("review.panelSatHint")} />
              ) : (
                <TextField name="risk" label={labels.risk!} multiline />
              )}
              <TextField name="reason" label={labels.reason!} multiline />
              <SubmitButton>{t("review.save")}</SubmitButton>
            </ValidatedForm>
          )}
        </>
      )}
      {d.earlier.length > 0 && (
        <section aria-labelledby="earlier-decisions">
          <h2 id="earlier-decisions">{t("review.earlier")}</h2>
          <ul className="list">
            {d.earlier.map((e) => (
              <li key={e.id}>
                {e.heading}
                {e.reason && <> · {t("decision.reason", { reason: e.reason })}</>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
