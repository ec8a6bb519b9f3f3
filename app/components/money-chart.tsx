import { useId } from "react";
import { useTranslation } from "~/lib/use-translation";

export interface MonthFigures {
  label: string;
  receivedPence: number;
  spentPence: number;
  received: string;
  spent: string;
}

/**
 * Money in and out, month by month: bars drawn on the server as SVG (no script), with the same
 * figures in a table beside them for anyone who cannot see the bars.
 */
export function MoneyChart({ months }: { months: MonthFigures[] }) {
  const { t } = useTranslation("money");
  const id = useId();
  const top = Math.max(1, ...months.flatMap((m) => [m.receivedPence, m.spentPence]));
  const slot = 100 / Math.max(months.length, 1);
  const height = (pence: number) => Math.round((Math.max(pence, 0) / top) * 380) / 10;
  return (
    <div className="chart-with-table">
      <figure className="chart">
        <svg viewBox="0 0 100 44" width="100%" height="220" role="img" aria-labelledby={`${id}-t ${id}-d`}>
          <title id={`${id}-t`}>{t("chart.title")}</title>
          <desc id={`${id}-d`}>{t("chart.description")}</desc>
          <line x1="0" y1="40" x2="100" y2="40" stroke="#0b0c0c" strokeWidth="0.2" />
          {months.map((m, i) => (
            <g key={m.label}>
              <rect
                x={i * slot + slot * 0.1}
                y={40 - height(m.receivedPence)}
                width={slot * 0.38}
                height={height(m.receivedPence)}
                fill="#00703c"
              />
              <rect
                x={i * slot + slot * 0.52}
                y={40 - height(m.spentPence)}
                width={slot * 0.38}
                height={height(m.spentPence)}
                fill="#005eb8"
              />
            </g>
          ))}
        </svg>
        <figcaption>
          <span className="key key--received">{t("chart.received")}</span>{" "}
          <span className="key key--spent">{t("chart.spent")}</span>
        </figcaption>
      </figure>
      <table>
        <caption>{t("chart.tableCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("chart.month")}</th>
            <th scope="col" className="num">
              {t("chart.received")}
            </th>
            <th scope="col" className="num">
              {t("chart.spent")}
            </th>
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.label}>
              <th scope="row">{m.label}</th>
              <td className="num">{m.received}</td>
              <td className="num">{m.spent}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
