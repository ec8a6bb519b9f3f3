import { ScrollRegion } from "~/components/scroll-region";
import { useTranslation } from "~/lib/use-translation";
import { BudgetChart } from "~/components/budget-chart";
import { PageTitle } from "~/components/page-title";
import { UrgentHelpInset } from "~/components/urgent-help";
import { crisisLineView, safetyConcernFor } from "~/views/urgent-help-view.server";
import { mayActOnRecord } from "~/domain/access";
import { judgedBudget } from "~/domain/allocation";
import { requireRecordAccess } from "~/server/access.server";
import { languageOf, translatorOf } from "~/lib/i18n.server";
import { latestBudgets } from "~/models/assessment.server";
import { categoriesInForce, categoryNames, categoryOf, currentPlacement } from "~/models/categories.server";
import { userNames } from "~/models/users.server";
import { formatDate } from "~/lib/format";
import { budgetView, type BudgetView } from "~/views/budget-view.server";
import { budgetFigures } from "~/views/plan-view.server";
import { loadPlan } from "~/models/plan.server";
import type { Route } from "./+types/budget";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["assessment", "allocation", "plan", "help", "categories", "grants"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const lang = languageOf(context);
  const t = translatorOf(context);
  const { self, agreed } = await latestBudgets(access.person.id);
  const judgedAgainst = judgedBudget({ self, agreed });
  const { row: plan, plan: content } = await loadPlan(access.person.id);
  const placement = await currentPlacement(access.person.id);
  const placedIn = placement
    ? await categoryOf(placement.placement.ruleSetId, placement.placement.categoryId)
    : undefined;
  const placedBy = placement ? (await userNames([placement.placement.placedBy])).get(placement.placement.placedBy) : "";
  const lastAsked = placement?.requests.at(-1);
  const mayPlace = mayActOnRecord(access.standing, "place-in-category");
  const categoriesNow = mayPlace ? (await categoriesInForce()).categories.length : 0;
  return {
    category: placement
      ? {
          name: placedIn?.name[lang] ?? placement.placement.categoryId,
          reason: placement.placement.reason,
          by: placedBy ?? "",
          date: formatDate(placement.placement.placedAt, lang),
          askedOn: lastAsked ? formatDate(lastAsked.askedAt, lang) : null,
        }
      : null,
    canPlace: mayPlace && (categoriesNow > 0 || placement !== null),
    canAskAgain: mayActOnRecord(access.standing, "ask-to-look-again"),
    // Once a plan exists: what it commits against the budget it will be judged against.
    planFigures: plan && judgedAgainst?.eligible ? budgetFigures(content, judgedAgainst.totalPence, lang) : null,
    // Urgent help in place when an answer says the person may not be safe.
    crisisLine: (await safetyConcernFor(access.person.id)) ? crisisLineView(lang) : null,
    personId: access.person.id,
    personName: access.personName,
    isSelf: access.standing === "self",
    canAgree: mayActOnRecord(access.standing, "assess"),
    self: self ? await budgetView(self, lang, t, await categoryNames(self.ruleSetId)) : null,
    agreed: agreed ? await budgetView(agreed, lang, t, await categoryNames(agreed.ruleSetId)) : null,
  };
}

function BudgetResult({ view, heading, personId }: { view: BudgetView; heading: string; personId: string }) {
  const { t } = useTranslation(["assessment", "allocation"]);
  const id = `budget-${view.basis}`;
  return (
    <section aria-labelledby={id} className="panel">
      <h2 id={id}>{heading}</h2>
      {view.eligible ? (
        <>
          <p>
            <span className="figure">{view.total}</span> {t("budget.year")}
          </p>
          <p className="lead">{t("budget.week", { amount: view.weekly })}</p>
          <table>
            <caption>{t("budget.parts")}</caption>
            <tbody>
              <tr>
                <th scope="row">{t("budget.nhs")}</th>
                <td className="num">{view.nhs}</td>
              </tr>
              <tr>
                <th scope="row">{t("budget.council")}</th>
                <td className="num">{view.council}</td>
              </tr>
              <tr>
                <th scope="row">{t("budget.total")}</th>
                <td className="num">
                  <strong>{view.total}</strong>
                </td>
              </tr>
            </tbody>
          </table>
          <p className="hint">{t("budget.flexible")}</p>
        </>
      ) : (
        <div className="inset">
          <h3>{t("allocation:notEligible.title")}</h3>
          <p>{t("allocation:notEligible.body")}</p>
          <ul className="list">
            <li>{t("allocation:notEligible.community")}</li>
            <li>
              {t("allocation:notEligible.grant")} <a href={`/people/${personId}/grants`}>{t("grants:list.link")}</a>
            </li>
            <li>{t("allocation:notEligible.review")}</li>
          </ul>
        </div>
      )}
      {view.flags.map((f) => (
        <div className="notice" key={f.flag}>
          <h3>{f.title}</h3>
          <p>{f.body}</p>
        </div>
      ))}
      <h3>{t("budget.howWorkedOut")}</h3>
      <ol className="list">
        {view.lines.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ol>
      <p className="hint" data-testid="budget-rule-set">
        {view.ruleSetDate
          ? t("budget.whenWithDate", {
              date: view.when,
              ruleSet: view.ruleSet,
              ruleSetId: view.ruleSetId,
              ruleSetDate: view.ruleSetDate,
            })
          : t("budget.when", { date: view.when, ruleSet: view.ruleSet })}
      </p>
    </section>
  );
}

/** The category the lead professional placed the person in (a rule set of the third form), and why. */
function CategoryPlacement({ d }: { d: Route.ComponentProps["loaderData"] }) {
  const { t } = useTranslation("categories");
  const c = d.category;
  return (
    <section aria-labelledby="budget-category" className="panel">
      <h2 id="budget-category">{d.isSelf ? t("budget.heading") : t("budget.headingFor")}</h2>
      {c && (
        <>
          <p>
            {d.isSelf
              ? t("budget.placed", { by: c.by, category: c.name, date: c.date })
              : t("budget.placedFor", { by: c.by, name: d.personName, category: c.name, date: c.date })}
          </p>
          <p>
            {t("budget.why")} {c.reason}
          </p>
          {c.askedOn && (
            <p className="inset">
              {d.isSelf ? t("budget.asked", { date: c.askedOn }) : t("budget.askedFor", { date: c.askedOn })}
            </p>
          )}
        </>
      )}
      {c && d.canAskAgain && (
        <p>
          <a href={`/people/${d.personId}/budget/look-again`}>{t("budget.lookAgain")}</a>
        </p>
      )}
      {d.canPlace && (
        <p>
          <a className="button button--secondary" href={`/people/${d.personId}/budget/category`}>
            {c ? t("budget.changePlace") : t("budget.place")}
          </a>
        </p>
      )}
    </section>
  );
}

export default function Budget({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("assessment");
  const title = d.isSelf ? t("budget.title") : t("budget.titleFor", { name: d.personName });
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <a href={`/people/${d.personId}`}>{t("common:form.back")}</a>
      </p>
      <h1>{title}</h1>
      {d.crisisLine && <UrgentHelpInset line={d.crisisLine} />}
      {!d.self && (
        <>
          <p>{t("budget.none")}</p>
          <p>
            <a className="button" href={`/people/${d.personId}/assessment`}>
              {t("budget.answerQuestions")}
            </a>
          </p>
        </>
      )}
      {d.planFigures && (
        <section aria-labelledby="budget-plan">
          <h2 id="budget-plan">{t("plan:page.budgetHeading")}</h2>
          <BudgetChart figures={d.planFigures} />
          <p>
            <a href={`/people/${d.personId}/plan`}>{t("account:record.plan")}</a>
          </p>
        </section>
      )}
      {(d.category || d.canPlace) && <CategoryPlacement d={d} />}
      {d.agreed && <p className="inset">{t("budget.both")}</p>}
      {d.agreed && <BudgetResult view={d.agreed} heading={t("budget.basisAgreed")} personId={d.personId} />}
      {d.self && <BudgetResult view={d.self} heading={t("budget.basisSelf")} personId={d.personId} />}
      {d.agreed && (
        // Four columns with reasons in words: on a narrow screen the table scrolls in its box, never the page.
        <ScrollRegion label={t("budget.ratingsTitle")}>
          <table>
            <caption>{t("budget.ratingsTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("agree.area")}</th>
                <th scope="col" className="num">
                  {t("budget.yourRating")}
                </th>
                <th scope="col" className="num">
                  {t("budget.agreedRating")}
                </th>
                <th scope="col">{t("budget.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {d.agreed.ratings.map((r) => (
                <tr key={r.area}>
                  <th scope="row">{r.area}</th>
                  <td className="num">{r.self ?? t("question.ratherNotSay")}</td>
                  <td className="num">{r.source === "agreed" ? r.rating : "—"}</td>
                  <td>
                    {r.reason}
                    {r.agreedBy && <span className="hint"> ({t("budget.agreedBy", { name: r.agreedBy })})</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {d.self && (
        <section aria-labelledby="budget-next">
          <h2 id="budget-next">{t("budget.nextHeading")}</h2>
          <p>{d.canAgree ? t("budget.nextProfessional", { name: d.personName }) : t("budget.nextPlan")}</p>
          <div className="button-group">
            {d.canAgree ? (
              <a className="button" href={`/people/${d.personId}/assessment/agree`}>
                {t("budget.agree")}
              </a>
            ) : (
              <a className="button" href={`/people/${d.personId}/plan`}>
                {d.planFigures ? t("budget.continuePlan") : t("budget.startPlan")}
              </a>
            )}
            <a className="button button--secondary" href={`/people/${d.personId}/journey`}>
              {t("budget.seeJourney")}
            </a>
          </div>
        </section>
      )}
    </>
  );
}
