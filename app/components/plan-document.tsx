import { useTranslation } from "~/lib/use-translation";
import { BudgetChart } from "./budget-chart";
import type { PlanDocument } from "~/views/plan-view.server";

/** The whole plan on one page: for printing or saving as PDF, and for reading an earlier cycle. */
export function PlanDocumentView({
  doc,
  changed = [],
  changeBase,
  withCheck = true,
}: {
  doc: PlanDocument;
  /** False where the page shows the plan check itself. */
  withCheck?: boolean;
  changed?: string[];
  /** When the plan can still be changed (check and send): each part gets a Change link to its page. */
  changeBase?: string;
}) {
  const { t } = useTranslation("journey-ui");
  const change = (section: string) =>
    changeBase ? (
      <p className="change-link">
        <a href={`${changeBase}/${section}`}>
          {t("plan:items.change")}
          <span className="visually-hidden">: {t(`plan:sections.${section}`)}</span>
        </a>
      </p>
    ) : null;
  const mark = (section: string) =>
    changed.includes(section) ? (
      <>
        {" "}
        <span className="tag tag--warn">{t("plan:changedSinceLastSent")}</span>
      </>
    ) : null;
  const none = <p>{t("list.none")}</p>;
  const c = doc.crisis;
  return (
    <div className="plan-document">
      <section aria-labelledby="doc-outcomes">
        <h2 id="doc-outcomes">
          {t("plan:sections.outcomes")}
          {mark("outcomes")}
        </h2>
        {change("outcomes")}
        {doc.outcomes.length === 0 ? (
          none
        ) : (
          <table>
            <caption className="visually-hidden">{t("plan:sections.outcomes")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("print.inMyWords")}</th>
                <th scope="col">{t("print.lifeArea")}</th>
                <th scope="col" className="num">
                  {t("print.now")}
                </th>
                <th scope="col" className="num">
                  {t("print.hope")}
                </th>
              </tr>
            </thead>
            <tbody>
              {doc.outcomes.map((o) => (
                <tr key={o.id}>
                  <td>“{o.words}”</td>
                  <td>{o.area}</td>
                  <td className="num">{o.now}</td>
                  <td className="num">{o.hope}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="doc-items">
        <h2 id="doc-items">
          {t("plan:sections.items")}
          {mark("items")}
        </h2>
        {change("items")}
        {doc.items.length === 0 ? (
          none
        ) : (
          <table>
            <caption className="visually-hidden">{t("plan:sections.items")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("print.what")}</th>
                <th scope="col">{t("print.provider")}</th>
                <th scope="col">{t("print.howOften")}</th>
                <th scope="col">{t("print.serves")}</th>
                <th scope="col" className="num">
                  {t("print.yearly")}
                </th>
              </tr>
            </thead>
            <tbody>
              {doc.items.map((i) => (
                <tr key={i.id}>
                  <td>
                    {i.what}
                    <br />
                    <span className="hint">{t(`plan:itemKinds.${i.kind}`)}</span>
                  </td>
                  <td>{i.provider}</td>
                  <td>{i.frequency}</td>
                  <td>{i.serves.map((s) => `“${s}”`).join(", ")}</td>
                  <td className="num">{i.yearly}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="doc-budget">
        <h2 id="doc-budget">{t("plan:sections.budget")}</h2>
        {doc.figures ? <BudgetChart figures={doc.figures} /> : <p>{t("plan:budgetChart.noBudget")}</p>}
        {doc.overBudgetReason && (
          <>
            <h3>{t("overBudget.label")}</h3>
            <p className="pre-wrap">{doc.overBudgetReason}</p>
          </>
        )}
      </section>
      <section aria-labelledby="doc-free">
        <h2 id="doc-free">
          {t("plan:sections.free-support")}
          {mark("free-support")}
        </h2>
        {change("free-support")}
        {doc.freeSupport.length === 0 ? (
          none
        ) : (
          <ul className="list">
            {doc.freeSupport.map((f) => (
              <li key={f.id}>
                <strong>{f.who}</strong>: {f.what}
                {f.howOften ? ` (${f.howOften})` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="doc-risks">
        <h2 id="doc-risks">
          {t("plan:sections.risks")}
          {mark("risks")}
        </h2>
        {change("risks")}
        {doc.risks.length === 0 ? (
          none
        ) : (
          <ul className="list">
            {doc.risks.map((r) => (
              <li key={r.id}>
                <strong>{r.risk}</strong>: {r.howManaged}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="doc-crisis">
        <h2 id="doc-crisis">
          {t("plan:sections.crisis")}
          {mark("crisis")}
        </h2>
        {change("crisis")}
        <dl className="summary-list">
          <div>
            <dt>{t("crisis.earlySigns")}</dt>
            <dd className="pre-wrap">{c.earlySigns}</dd>
          </div>
          <div>
            <dt>{t("crisis.whatHelps")}</dt>
            <dd className="pre-wrap">{c.whatHelps}</dd>
          </div>
          <div>
            <dt>{t("crisis.contactsHeading")}</dt>
            <dd>
              {c.contacts.length === 0 ? (
                t("list.none")
              ) : (
                <ul className="list">
                  {c.contacts.map((contact, i) => (
                    <li key={i}>
                      {contact.name}: {contact.howToReach}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
          <div>
            <dt>{t("crisis.doNotWant")}</dt>
            <dd className="pre-wrap">{c.doNotWant}</dd>
          </div>
          <div>
            <dt>{t("crisis.preferredPlace")}</dt>
            <dd>{c.preferredPlace}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="doc-decisions">
        <h2 id="doc-decisions">
          {t("plan:sections.decisions")}
          {mark("decisions")}
        </h2>
        {change("decisions")}
        <dl className="summary-list">
          <div>
            <dt>{t("decisions.whoDecidesWhat")}</dt>
            <dd className="pre-wrap">{doc.decisions.whoDecidesWhat}</dd>
          </div>
          <div>
            <dt>{t("decisions.management")}</dt>
            <dd>
              {doc.decisions.management
                ? t(`plan:management.${doc.decisions.management}.name`)
                : t("decisions.notDecided")}
            </dd>
          </div>
          {doc.decisions.details.map((detail) => (
            <div key={detail.field}>
              <dt>{t(`plan:managementDetails.${detail.field}`)}</dt>
              <dd>{detail.value}</dd>
            </div>
          ))}
        </dl>
        <h3>{t("decisions.ifUnwellHeading")}</h3>
        {doc.decisions.ifUnwell ? (
          <dl className="summary-list">
            <div>
              <dt>{t("decisions.unwellWhatChanges")}</dt>
              <dd className="pre-wrap">{doc.decisions.ifUnwell.whatChanges}</dd>
            </div>
            <div>
              <dt>{t("decisions.unwellWho")}</dt>
              <dd>{doc.decisions.ifUnwell.whoMaySwitchOn}</dd>
            </div>
            <div>
              <dt>{t("decisions.unwellBack")}</dt>
              <dd className="pre-wrap">{doc.decisions.ifUnwell.howSwitchedBack}</dd>
            </div>
          </dl>
        ) : (
          <p>{t("print.noIfUnwell")}</p>
        )}
      </section>
      <section aria-labelledby="doc-resources">
        <h2 id="doc-resources">
          {t("plan:sections.resources")}
          {mark("resources")}
        </h2>
        {change("resources")}
        {doc.resources.length === 0
          ? none
          : doc.resourceHeadings.map((h) => (
              <div key={h}>
                <h3>{t(`plan:realWealth.${h}.name`)}</h3>
                <ul className="list">
                  {doc.resources
                    .filter((r) => r.heading === h)
                    .map((r) => (
                      <li key={r.id}>
                        {r.what}
                        {r.source ? ` · ${t(`plan:sources.${r.source}`)}` : ""}
                        {r.whoHelps ? ` · ${t("resources.whoHelpsIs", { who: r.whoHelps })}` : ""}
                        {r.howOften ? ` · ${r.howOften}` : ""}
                      </li>
                    ))}
                </ul>
              </div>
            ))}
      </section>
      {withCheck && (
        <section aria-labelledby="doc-check">
          <h2 id="doc-check">{t("plan:page.check")}</h2>
          {doc.check.small && <p>{doc.check.smallNote}</p>}
          <ul className="list">
            {doc.check.criteria.map((criterion) => (
              <li key={criterion.criterion}>
                <strong>{criterion.name}</strong>:{" "}
                {criterion.met ? t("plan:criterionState.met") : t("plan:criterionState.notYet")}
                {criterion.problems.length > 0 && (
                  <ul className="list">
                    {criterion.problems.map((p, i) => (
                      <li key={i}>{p.text}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
