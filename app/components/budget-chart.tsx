import { useId } from "react";
import { useTranslation } from "~/lib/use-translation";

export interface BudgetFigures {
  budgetPence: number;
  committedPence: number;
  budget: string;
  committed: string;
  remaining: string;
  over: string | null;
}

/** Budget, planned and still to plan: a bar with a text alternative, and the same figures in a table. */
export function BudgetChart({ figures }: { figures: BudgetFigures }) {
  const { t } = useTranslation("plan");
  const id = useId();
  const scale = Math.max(figures.budgetPence, figures.committedPence, 1);
  const width = (pence: number) => Math.round((Math.min(pence, scale) / scale) * 1000) / 10;
  const committedWidth = width(Math.min(figures.committedPence, figures.budgetPence));
  const overWidth = figures.over ? width(figures.committedPence - figures.budgetPence) : 0;
  const summary = figures.over
    ? t("budgetChart.summaryOver", { committed: figures.committed, over: figures.over, budget: figures.budget })
    : t("budgetChart.summary", { committed: figures.committed, budget: figures.budget, remaining: figures.remaining });
  return (
    <figure className="chart">
      <svg
        viewBox="0 0 100 12"
        width="100%"
        height="48"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        preserveAspectRatio="none"
      >
        <title id={`${id}-title`}>{t("budgetChart.title")}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        <rect
          x="0"
          y="0"
          width={width(figures.budgetPence)}
          height="12"
          fill="#dbe7f3"
          stroke="#0b0c0c"
          strokeWidth="0.2"
        />
        <rect x="0" y="2" width={committedWidth} height="8" fill="#005eb8" />
        {overWidth > 0 && <rect x={width(figures.budgetPence)} y="2" width={overWidth} height="8" fill="#d4351c" />}
      </svg>
      <figcaption>{summary}</figcaption>
      <table>
        <caption className="visually-hidden">{t("budgetChart.title")}</caption>
        <tbody>
          <tr>
            <th scope="row">{t("budgetChart.budget")}</th>
            <td className="num">{figures.budget}</td>
          </tr>
          <tr>
            <th scope="row">{t("budgetChart.committed")}</th>
            <td className="num">{figures.committed}</td>
          </tr>
          <tr>
            <th scope="row">{figures.over ? t("budgetChart.over") : t("budgetChart.remaining")}</th>
            <td className="num">{figures.over ?? figures.remaining}</td>
          </tr>
        </tbody>
      </table>
    </figure>
  );
}
