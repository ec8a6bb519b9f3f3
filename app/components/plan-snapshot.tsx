import { useTranslation } from "~/lib/use-translation";

export interface SnapshotViewData {
  outcomes: { id: string; words: string; ratings: string }[];
  items: {
    id: string;
    what: string;
    entry: string;
    line: string;
    serves: string[];
    flagged: boolean;
    ruleChanges?: string[];
  }[];
  budget: {
    known: boolean;
    total: string;
    committed: string;
    self: string | null;
    agreed: string | null;
    ratings: string[];
  };
}

/** A frozen plan version: the person's outcomes in their words, the items, and the budget. */
export function PlanSnapshot({ view }: { view: SnapshotViewData }) {
  const { t } = useTranslation("signoff");
  return (
    <>
      <section aria-labelledby="snapshot-outcomes">
        <h2 id="snapshot-outcomes">{t("plan.outcomes")}</h2>
        {view.outcomes.length === 0 ? (
          <p>{t("plan.noOutcomes")}</p>
        ) : (
          <ul className="list">
            {view.outcomes.map((o) => (
              <li key={o.id}>
                “{o.words}” <span className="hint">({o.ratings})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="snapshot-items">
        <h2 id="snapshot-items">{t("plan.items")}</h2>
        {view.items.length === 0 ? (
          <p>{t("plan.noItems")}</p>
        ) : (
          <ul className="task-list">
            {view.items.map((item) => (
              <li key={item.id}>
                <div>
                  <p>
                    <strong>{item.what}</strong> · {item.entry}
                  </p>
                  <p className="hint">{item.line}</p>
                  {item.serves.length > 0 && <p className="hint">{item.serves.map((s) => `“${s}”`).join(", ")}</p>}
                  {item.flagged && <p className="warning">{t("plan.flagged")}</p>}
                  {item.ruleChanges?.map((change, i) => (
                    <p className="warning" key={i} data-testid="rule-changed">
                      {change}
                    </p>
                  ))}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="snapshot-budget">
        <h2 id="snapshot-budget">{t("plan.budget")}</h2>
        {view.budget.known ? (
          <ul className="list">
            <li>{t("plan.budgetTotal", { amount: view.budget.total })}</li>
            <li>{t("plan.budgetCommitted", { amount: view.budget.committed })}</li>
            {view.budget.self && <li>{t("plan.budgetSelf", { amount: view.budget.self })}</li>}
            {view.budget.agreed && <li>{t("plan.budgetAgreed", { amount: view.budget.agreed })}</li>}
          </ul>
        ) : (
          <p>{t("plan.noBudget")}</p>
        )}
        <h3>{t("plan.agreedRatings")}</h3>
        {view.budget.ratings.length === 0 ? (
          <p>{t("plan.noAgreedRatings")}</p>
        ) : (
          <ul className="list">
            {view.budget.ratings.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
