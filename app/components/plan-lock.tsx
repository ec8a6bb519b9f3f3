import { useTranslation } from "~/lib/use-translation";
import type { FormValues } from "~/lib/form-messages";
import { PageTitle } from "./page-title";

type LockedState =
  "draft" | "submitted" | "changes-requested" | "referred-to-panel" | "signed-off" | "in-review" | "closed";

/** The plain words for a plan that cannot change now, by state: message key and "what you can do" key. */
function lockWords(state: LockedState, mayWithdraw: boolean) {
  switch (state) {
    case "submitted":
      return { why: "plan:lock.sent", next: mayWithdraw ? "plan:lock.whatNowSent" : "plan:lock.whatNowSentHelper" };
    case "referred-to-panel":
      return { why: "plan:lock.panel", next: "plan:lock.whatNowPanel" };
    case "closed":
      return { why: "plan:lock.closed", next: "plan:lock.whatNowClosed" };
    default:
      return { why: "plan:lock.signedOff", next: "plan:lock.whatNowSignedOff" };
  }
}

function WhatNow({ state, mayWithdraw, personId }: { state: LockedState; mayWithdraw: boolean; personId: string }) {
  const { t } = useTranslation();
  const base = `/people/${personId}/plan`;
  const { next } = lockWords(state, mayWithdraw);
  return (
    <>
      <p>{t(next)}</p>
      {state === "submitted" && mayWithdraw && (
        <p>
          <a href={`${base}/submit#withdraw`}>{t("plan:lock.withdrawLink")}</a>
        </p>
      )}
      {(state === "signed-off" || state === "in-review") && (
        <p>
          <a href={`${base}/using`}>{t("plan:lock.usingLink")}</a>
        </p>
      )}
      {state === "closed" && (
        <p>
          <a href={base}>{t("plan:lock.currentPlanLink")}</a>
        </p>
      )}
    </>
  );
}

/** On a plan page that shows no form because of where the plan is: says so plainly, and what can be done. */
export function PlanLockNotice({
  lock,
  personId,
}: {
  lock: { state: LockedState; mayWithdraw: boolean } | null;
  personId: string;
}) {
  const { t } = useTranslation();
  if (!lock) return null;
  return (
    <div className="inset" role="status" data-testid="plan-locked">
      <p>
        <strong>{t(lockWords(lock.state, lock.mayWithdraw).why)}</strong>
      </p>
      <WhatNow state={lock.state} mayWithdraw={lock.mayWithdraw} personId={personId} />
    </div>
  );
}

// Fields that carry no words of the person's (which form, which version, which entry).
const TECHNICAL = /^(intent|version|cycle|csrf|entryId|itemId|submissionId)$/;

/**
 * A save that arrived when the plan could no longer change: not an error. Says why, shows every
 * word that was typed (each in a box to select and copy), and what the person can do now.
 */
export function NotNowPage({
  notNow,
  labels,
  title,
  personId,
  backHref,
}: {
  notNow: { state: LockedState; mayWithdraw: boolean; typed: FormValues };
  labels: Record<string, string>;
  title: string;
  personId: string;
  backHref: string;
}) {
  const { t } = useTranslation();
  const typed = Object.entries(notNow.typed)
    .filter(([name]) => !TECHNICAL.test(name))
    .map(([name, value]) => ({
      name,
      label: labels[name] ?? name,
      text: Array.isArray(value) ? value.join("\n") : value,
    }))
    .filter((field) => field.text.trim() !== "");
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <h1>{title}</h1>
      <div className="inset" role="status" data-testid="not-now">
        <h2>{t("plan:notNow.heading")}</h2>
        <p>{t(lockWords(notNow.state, notNow.mayWithdraw).why)}</p>
        <p>{t("plan:notNow.nothingLost")}</p>
      </div>
      {typed.length > 0 && (
        <section aria-labelledby="typed-heading">
          <h2 id="typed-heading">{t("plan:notNow.typedHeading")}</h2>
          <dl className="summary-list">
            {typed.map((field) => (
              <div key={field.name}>
                <dt>{field.label}</dt>
                <dd className="pre-wrap" data-testid="typed">
                  {field.text}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      <h2>{t("plan:notNow.whatNow")}</h2>
      <WhatNow state={notNow.state} mayWithdraw={notNow.mayWithdraw} personId={personId} />
      <p>
        <a href={backHref}>{t("plan:notNow.back")}</a>
      </p>
    </>
  );
}
