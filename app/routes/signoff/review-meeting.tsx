import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData } from "react-router";
import { DateField, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { toIsoDate } from "~/domain/dates";
import { defaultReviewDate } from "~/domain/workflow";
import { reviewMeetingSchema } from "~/forms/signoff";
import { requireRecordAccess } from "~/server/access.server";
import { formatDate } from "~/lib/format";
import { parseForm, fieldErrors } from "~/lib/forms.server";
import { languageOf, translatorOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { currentPlan } from "~/models/plan.server";
import { holdReview, latestSubmission, parseSnapshot, reviewDateOf } from "~/models/signoff.server";
import { ruleChangesView } from "~/views/signoff-view.server";
import type { Route } from "./+types/review-meeting";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["signoff"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "review");
  const lang = languageOf(context);
  const row = await currentPlan(access.person.id);
  const reviewDate = row ? await reviewDateOf(row.id) : null;
  const signedOff = row ? await latestSubmission(row.id) : undefined;
  const t = translatorOf(context);
  const next = toIsoDate(defaultReviewDate(new Date(), false));
  return {
    personId: access.person.id,
    personName: access.personName,
    ready: row?.state === "signed-off" || row?.state === "in-review",
    reviewDate: reviewDate ? formatDate(reviewDate, lang) : null,
    nextReviewDate: next,
    nextExample: next.split("-").reverse().map(Number).join(" "),
    done: Number(new URL(request.url).searchParams.get("cycle")) || null,
    ruleChanges: signedOff ? await ruleChangesView(parseSnapshot(signedOff), lang, t) : [],
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "review");
  const form = await parseForm(request, reviewMeetingSchema);
  if (!form.ok) return replyWithErrors(form);
  const result = await holdReview(access, form.data);
  if (!result.ok) return replyWithErrors(fieldErrors(form.values, { [result.field ?? "_form"]: result.reason }));
  return redirect(`/people/${access.person.id}/plan/review-meeting?cycle=${result.cycle}`);
}

export default function ReviewMeeting({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("signoff");
  const refusal = useActionData<typeof action>();
  const title = t("meeting.title", { name: d.personName });
  const labels = {
    whatIsWorking: t("meeting.whatIsWorking"),
    whatIsNot: t("meeting.whatIsNot"),
    changesAgreed: t("meeting.changesAgreed"),
    nextReviewDate: t("meeting.nextReviewDate"),
  };
  return (
    <div className="narrow">
      <PageTitle error={Boolean(refusal)}>{title}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/plan`}>{t("common:form.back")}</a>
      </p>
      <h1>{title}</h1>
      {d.done ? (
        <>
          <p className="confirmation" role="status">
            {t("meeting.done", { cycle: d.done })}
          </p>
          <p>
            <a href={`/people/${d.personId}/plan`}>{t("meeting.openPlan")}</a>
          </p>
        </>
      ) : !d.ready ? (
        <p>{t("meeting.notReady")}</p>
      ) : (
        <>
          <p>{t("meeting.intro")}</p>
          {d.reviewDate && <p className="hint">{t("meeting.reviewDate", { date: d.reviewDate })}</p>}
          {d.ruleChanges.length > 0 && (
            <section aria-labelledby="rule-changes" className="notice">
              <h2 id="rule-changes">{t("meeting.ruleChanges")}</h2>
              <ul className="list">
                {d.ruleChanges.map((item) => (
                  <li key={item.id}>
                    <strong>{item.what}</strong> · {item.entry}
                    {item.changes.map((change, i) => (
                      <p key={i} data-testid="rule-changed">
                        {change}
                      </p>
                    ))}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <ValidatedForm
            schema={() => import("~/forms/signoff").then((m) => m.reviewMeetingSchema)}
            values={refusal?.values ?? { nextReviewDate: d.nextReviewDate }}
            errors={refusal?.errors}
            labels={labels}
          >
            <TextField name="whatIsWorking" label={labels.whatIsWorking} multiline />
            <TextField name="whatIsNot" label={labels.whatIsNot} multiline />
            <TextField name="changesAgreed" label={labels.changesAgreed} multiline />
            <DateField
              name="nextReviewDate"
              legend={labels.nextReviewDate}
              hint={t("meeting.nextReviewDateHint", { example: d.nextExample })}
            />
            <SubmitButton>{t("meeting.save")}</SubmitButton>
          </ValidatedForm>
        </>
      )}
    </div>
  );
}
