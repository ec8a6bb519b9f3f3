import { useId } from "react";
import { PART_FIELD } from "~/forms/insights-address";
import { useTranslation } from "~/lib/use-translation";
import type { Bar, FigureView, InsightsPart } from "~/views/insights-view.server";

const WIDTH = 640;
const LABEL = 230;
const VALUE = 110;
const ROW = 28;

/**
 * A horizontal bar chart drawn on the server: plain SVG, no script. Right to left it is mirrored
 * (labels on the right, bars growing leftwards). A withheld figure has no bar, only its words.
 * Bars may be negative (a fall in outcome ratings): they grow from a zero line.
 */
export function BarChart({ title, bars, rtl }: { title: string; bars: Bar[]; rtl: boolean }) {
  const id = useId();
  const values = bars.map((b) => b.value ?? 0);
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const span = max - min || 1;
  const area = WIDTH - LABEL - VALUE;
  const zero = LABEL + ((0 - min) / span) * area;
  const height = bars.length * ROW + 8;
  // Right to left, every x is measured from the other edge.
  const x = (at: number) => (rtl ? WIDTH - at : at);
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      role="img"
      aria-labelledby={`${id}-title`}
      className="bar-chart"
      direction={rtl ? "rtl" : "ltr"}
    >
      <title id={`${id}-title`}>{title}</title>
      <line x1={x(zero)} x2={x(zero)} y1={0} y2={height} stroke="#505a5f" strokeWidth="1" />
      {bars.map((bar, i) => {
        const y = i * ROW + 4;
        const length = bar.value === null ? 0 : (Math.abs(bar.value) / span) * area;
        const start = bar.value !== null && bar.value < 0 ? zero - length : zero;
        const end = start + length;
        const negative = bar.value !== null && bar.value < 0;
        const valueAt = negative ? start - 6 : end + 6;
        const valueAnchor: "start" | "end" = negative ? "end" : "start";
        const flip = (anchor: "start" | "end") => (rtl ? (anchor === "start" ? "end" : "start") : anchor);
        return (
          <g key={bar.label}>
            <text x={x(LABEL - 8)} y={y + ROW / 2} textAnchor={flip("end")} dominantBaseline="middle">
              {bar.label.length > 30 ? `${bar.label.slice(0, 29)}…` : bar.label}
            </text>
            {length > 0 && (
              <rect
                x={rtl ? WIDTH - end : start}
                y={y + 4}
                width={Math.max(length, 1)}
                height={ROW - 10}
                fill={negative ? "#d4351c" : "#005eb8"}
              />
            )}
            <text
              className="bar-value"
              x={x(valueAt)}
              y={y + ROW / 2}
              textAnchor={flip(valueAnchor)}
              dominantBaseline="middle"
            >
              {bar.display}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The address of one part of the page, with the period as it was asked for. */
function partHref(path: string, periodAsked: string, part: InsightsPart, first: boolean): string {
  const query = [periodAsked, first ? "" : `${PART_FIELD}=${part}`].filter(Boolean).join("&");
  return query ? `${path}?${query}` : path;
}

/** Every part of the figures by name, the one shown marked: plain links, so it works without JavaScript. */
export function InsightsParts({
  parts,
  part,
  path,
  periodAsked,
}: {
  parts: readonly InsightsPart[];
  part: InsightsPart;
  path: string;
  periodAsked: string;
}) {
  const { t } = useTranslation("insights");
  return (
    <nav className="sub-navigation" aria-label={t("parts.label")}>
      <ul>
        {parts.map((each, i) => (
          <li key={each}>
            <a href={partHref(path, periodAsked, each, i === 0)} aria-current={each === part ? "page" : undefined}>
              {t(`parts.${each}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Each figure: what it counts and how, the chart, and the same numbers in a table beside it. */
export function InsightsFigures({ figures, rtl }: { figures: FigureView[]; rtl: boolean }) {
  const { t } = useTranslation("insights");
  if (figures.length === 0) return <p>{t("parts.none")}</p>;
  return (
    <>
      {figures.map((figure) => (
        <section key={figure.id} aria-labelledby={`figure-${figure.id}`} className="insight">
          <h2 id={`figure-${figure.id}`}>{figure.title}</h2>
          <p className="hint">{figure.how}</p>
          <div className="insight-body">
            <figure className="chart insight-chart">
              <BarChart title={figure.chartTitle} bars={figure.bars} rtl={rtl} />
            </figure>
            <table className="insight-table">
              <caption className="visually-hidden">{figure.title}</caption>
              <thead>
                <tr>
                  {figure.columns.map((column, i) => (
                    <th key={column} scope="col" className={i === 0 ? undefined : "num"}>
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {figure.rows.map((row) => (
                  <tr key={row.label}>
                    <th scope="row">{row.label}</th>
                    {row.cells.map((cell, i) => (
                      <td key={i} className="num">
                        {cell}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {figure.notes.map((note) => (
            <p key={note}>{note}</p>
          ))}
        </section>
      ))}
    </>
  );
}

/** When the figures were worked out, and how far behind the records a server lets them fall (none: nothing said). */
export function WorkedOut({ when, keptForMinutes }: { when: string; keptForMinutes: number }) {
  const { t } = useTranslation("insights");
  return (
    <p>
      {t("period.workedOut", { when })}
      {keptForMinutes > 0 ? ` ${t("period.keptFor", { count: keptForMinutes })}` : null}
    </p>
  );
}

/** The period form: a plain GET form, so it works without JavaScript and the address can be shared. */
export function PeriodForm({
  values,
  errors,
  part,
}: {
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
  /** The part shown, kept when another period is asked for (none: the first). */
  part?: InsightsPart;
}) {
  const { t } = useTranslation("insights");
  const field = (name: "from" | "to") => {
    const error = errors[name];
    const value = values[name];
    return (
      <div className={error ? "field field--error" : "field"}>
        <label htmlFor={`f-${name}`}>{t(`period.${name}`)}</label>
        {error && (
          <span className="error-message" id={`f-${name}-error`}>
            {t(error.replace(/^insights:/, ""))}
          </span>
        )}
        <input
          id={`f-${name}`}
          name={name}
          type="date"
          defaultValue={typeof value === "string" ? value : ""}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `f-${name}-error` : undefined}
        />
      </div>
    );
  };
  return (
    <form method="get" className="period-form">
      <fieldset>
        <legend>{t("period.legend")}</legend>
        {field("from")}
        {field("to")}
      </fieldset>
      {part && <input type="hidden" name={PART_FIELD} value={part} />}
      <button type="submit" className="button">
        {t("period.show")}
      </button>
    </form>
  );
}
