import { useTranslation } from "~/lib/use-translation";
import { PageTitle } from "~/components/page-title";
import { assessmentComplete, nextUnanswered } from "~/domain/assessment";
import { requireRecordAccess } from "~/server/access.server";
import { languageOf } from "~/lib/i18n.server";
import { answersOf, currentAssessment, latestBudgets } from "~/models/assessment.server";
import { needAreaTexts } from "~/views/budget-view.server";
import type { Route } from "./+types/start";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["assessment", "allocation"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const lang = languageOf(context);
  const assessment = await currentAssessment(access.person.id);
  const answers = assessment ? await answersOf(assessment.id) : new Map();
  const informal = assessment?.informal ?? null;
  return {
    personId: access.person.id,
    areas: needAreaTexts(lang).map((a) => ({
      key: a.key,
      title: a.title,
      answer: answers.has(a.key) ? (answers.get(a.key)!.rating ?? "rather-not-say") : null,
    })),
    informal,
    next: nextUnanswered(answers) ?? (informal ? null : "informal"),
    started: answers.size > 0,
    complete: assessmentComplete(answers, informal),
    hasBudget: Boolean((await latestBudgets(access.person.id)).self),
  };
}

export default function AssessmentOverview({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation(["assessment", "allocation"]);
  const base = `/people/${d.personId}/assessment`;
  return (
    <div className="narrow">
      <PageTitle>{t("overview.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}`}>{t("common:form.back")}</a>
      </p>
      <h1>{t("overview.title")}</h1>
      <p>{t("overview.intro")}</p>
      <p className="hint">{t("overview.howLong")}</p>
      <p className="hint">{t("overview.help")}</p>
      {d.next && (
        <p>
          <a className="button" href={`${base}/${d.next}`}>
            {d.started ? t("overview.continue") : t("overview.start")}
          </a>
        </p>
      )}
      <ul className="task-list">
        {d.areas.map((a) => (
          <li key={a.key}>
            <a href={`${base}/${a.key}`}>{a.title}</a>
            {a.answer === null ? (
              <span className="tag tag--grey">{t("overview.notAnswered")}</span>
            ) : (
              <span className="tag tag--done">
                {a.answer === "rather-not-say"
                  ? t("overview.ratherNotSay")
                  : t("overview.rating", { rating: a.answer })}
              </span>
            )}
          </li>
        ))}
        <li>
          <a href={`${base}/informal`}>{t("overview.informal")}</a>
          {d.informal ? (
            <span className="tag tag--done">{t("overview.answered")}</span>
          ) : (
            <span className="tag tag--grey">{t("overview.notAnswered")}</span>
          )}
        </li>
      </ul>
      <p className="button-group">
        <a className={d.complete ? "button" : "button button--secondary"} href={`${base}/check`}>
          {t("overview.check")}
        </a>
        {d.hasBudget && <a href={`/people/${d.personId}/budget`}>{t("overview.budget")}</a>}
      </p>
    </div>
  );
}
