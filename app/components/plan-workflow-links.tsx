import { useTranslation } from "~/lib/use-translation";

export interface WorkflowLinks {
  submit: boolean;
  decide: boolean;
  review: boolean;
}

/** From the plan page: send it, read what was decided, and (for the lead professional) decide or review. */
export function PlanWorkflowLinks({ personId, may }: { personId: string; may: WorkflowLinks }) {
  const { t } = useTranslation("signoff");
  const base = `/people/${personId}/plan`;
  return (
    <section aria-labelledby="plan-workflow">
      <h2 id="plan-workflow">{t("links.heading")}</h2>
      <ul className="list">
        {may.submit && (
          <li>
            <a href={`${base}/submit`}>{t("links.submit")}</a>
          </li>
        )}
        <li>
          <a href={`${base}/decision`}>{t("links.decision")}</a>
        </li>
        {may.decide && (
          <li>
            <a href={`${base}/review`}>{t("links.review")}</a>
          </li>
        )}
        {may.review && (
          <li>
            <a href={`${base}/review-meeting`}>{t("links.reviewMeeting")}</a>
          </li>
        )}
      </ul>
    </section>
  );
}
