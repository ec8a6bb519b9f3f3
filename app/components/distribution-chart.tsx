import { useId } from "react";
import { useTranslation } from "~/lib/use-translation";

export interface DistributionBucket {
  none: boolean;
  range: string;
  draft: number;
  current: number;
  draftShare: number;
  currentShare: number;
}

/**
 * How many people's budgets fall in each range, under the draft and under the rule set in force:
 * drawn on the server as SVG (no JavaScript), with the same numbers in a table beside it.
 */
export function DistributionChart({ buckets }: { buckets: DistributionBucket[] }) {
  const { t } = useTranslation("scheme");
  const id = useId();
  const rowHeight = 14;
  const height = buckets.length * rowHeight + 4;
  const label = (b: DistributionBucket) => (b.none ? t("trial.chart.none") : b.range);
  return (
    <figure className="chart trial-chart">
      <div className="trial-chart__parts">
        <svg
          viewBox={`0 0 100 ${height}`}
          width="100%"
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          className="trial-chart__svg"
        >
          <title id={`${id}-title`}>{t("trial.chart.title")}</title>
          <desc id={`${id}-desc`}>{t("trial.chart.desc")}</desc>
          {buckets.map((b, i) => (
            <g key={i}>
              <text x="0" y={i * rowHeight + 9} fontSize="4.2">
                {label(b)}
              </text>
              <rect x="40" y={i * rowHeight + 2} width={Math.max(b.draftShare * 58, 0.3)} height="5" fill="#005eb8" />
              <rect
                x="40"
                y={i * rowHeight + 7.5}
                width={Math.max(b.currentShare * 58, 0.3)}
                height="5"
                fill="#b1b4b6"
                stroke="#505a5f"
                strokeWidth="0.2"
              />
            </g>
          ))}
        </svg>
        <table>
          <caption>{t("trial.chart.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("trial.chart.range")}</th>
              <th scope="col" className="num">
                <span className="key key--draft" aria-hidden="true" /> {t("trial.draft")}
              </th>
              <th scope="col" className="num">
                <span className="key key--current" aria-hidden="true" /> {t("trial.current")}
              </th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((b, i) => (
              <tr key={i}>
                <th scope="row">{label(b)}</th>
                <td className="num">{b.draft}</td>
                <td className="num">{b.current}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
