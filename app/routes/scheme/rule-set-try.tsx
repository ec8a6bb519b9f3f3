import { CASES_FILE_MAX_BYTES } from "~/domain/calibration-trial";
import { useState } from "react";
import { useTranslation } from "~/lib/use-translation";
import { data, Form, useActionData } from "react-router";
import { DistributionChart } from "~/components/distribution-chart";
import { CsrfInput, ErrorSummary } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { trialSchema } from "~/forms/rule-set";
import { parseUpload } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { findRuleSet, ruleSetIdInForce } from "~/models/rule-sets.server";
import { requireCommissioner } from "~/server/access.server";
import { trialView, type TrialView } from "~/views/trial-view.server";
import type { Route } from "./+types/rule-set-try";
import { runTrial } from "./trial.server";

export const handle = { i18n: ["scheme"] };

async function ruleSetsOr404(id: string) {
  const draft = await findRuleSet(id);
  const currentId = await ruleSetIdInForce();
  const current = await findRuleSet(currentId);
  if (!draft || !current) throw data(null, { status: 404 });
  return { draft, current };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireCommissioner(context, request);
  const lang = languageOf(context);
  const { draft, current } = await ruleSetsOr404(params.ruleSetId);
  return { id: draft.id, label: draft.label[lang], currentId: current.id, currentLabel: current.label[lang] };
}

const noProblems: string[] = [];

export async function action({ request, context, params }: Route.ActionArgs) {
  await requireCommissioner(context, request);
  const lang = languageOf(context);
  const { draft, current } = await ruleSetsOr404(params.ruleSetId);
  const form = await parseUpload(request, trialSchema, "casesFile", CASES_FILE_MAX_BYTES);
  if (!form.ok) return replyWithErrors({ ...form, problems: noProblems }, form.tooLarge ? 413 : 400);
  if (!form.file)
    return replyWithErrors({
      ok: false,
      errors: { casesFile: "scheme:errors.chooseCsv" },
      values: form.values,
      problems: noProblems,
    });
  const result = await runTrial(form.file.bytes, draft, current, form.data.total ?? null);
  if (!result.ok)
    return replyWithErrors({
      ok: false,
      errors: { casesFile: "scheme:errors.csvUnreadable" },
      values: form.values,
      problems: result.problems,
    });
  return { ok: true as const, fileName: form.file.name, total: form.values.total, trial: trialView(result, lang) };
}

export default function RuleSetTry({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("scheme");
  const answer = useActionData<typeof action>();
  const refusal = answer && !answer.ok ? answer : undefined;
  const trial = answer?.ok ? answer.trial : undefined;
  const totalError = refusal ? (refusal.errors as Record<string, string | undefined>).total : undefined;
  const totalValue = refusal ? refusal.values.total : answer?.ok ? answer.total : undefined;
  // Only with JavaScript: while a large file is worked through, say so (the page waits either way).
  const [working, setWorking] = useState(false);
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("trial.title", { id: d.id })}</PageTitle>
      <p>
        <a href={`/scheme/rule-sets/${d.id}`}>{t("edit.back", { label: d.label })}</a>
      </p>
      <h1>{t("trial.title", { id: d.id })}</h1>
      <p>{t("trial.intro", { current: d.currentId })}</p>
      <details>
        <summary>{t("trial.formatTitle")}</summary>
        <p>{t("trial.format")}</p>
        <pre>
          case,mood,experiences,keeping-safe,others-safety,substances,thinking,physical,daily-living,relationships,activity,housing,caring,informal
          {"\n"}A1,3,2,2,0,0,0,1,2,3,0,0,0,a-little
        </pre>
      </details>
      {refusal && (
        <>
          <ErrorSummary errors={refusal.errors} labels={{ casesFile: t("trial.file"), total: t("fit.total") }} />
          {refusal.problems.length > 0 && (
            <ul className="list" data-testid="csv-problems">
              {refusal.problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          )}
        </>
      )}
      <Form method="post" encType="multipart/form-data" reloadDocument onSubmit={() => setWorking(true)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="try" />
        <div className={refusal ? "field field--error" : "field"}>
          <label htmlFor="f-casesFile">{t("trial.file")}</label>
          <span className="hint" id="f-casesFile-hint">
            {t("trial.fileHint", { mb: 32 })}
          </span>
          <input
            id="f-casesFile"
            name="casesFile"
            type="file"
            accept="text/csv,.csv"
            aria-describedby="f-casesFile-hint"
          />
        </div>
        <div className={totalError ? "field field--error" : "field"}>
          <label htmlFor="f-total">{t("fit.total")}</label>
          <span className="hint" id="f-total-hint">
            {t("fit.totalHint")}
          </span>
          {totalError && (
            <span className="error-message" id="f-total-error">
              {t(totalError.replace(/^scheme:/, ""))}
            </span>
          )}
          <input
            id="f-total"
            name="total"
            type="text"
            inputMode="decimal"
            spellCheck={false}
            defaultValue={typeof totalValue === "string" ? totalValue : ""}
            aria-invalid={totalError ? true : undefined}
            aria-describedby={totalError ? "f-total-hint f-total-error" : "f-total-hint"}
          />
        </div>
        <button type="submit">{t("trial.submit")}</button>
        {working && (
          <p role="status" className="trial-progress">
            <progress aria-label={t("trial.working")} /> {t("trial.working")}
          </p>
        )}
      </Form>

      {trial && (
        <section aria-labelledby="trial-results">
          <h2 id="trial-results">{t("trial.results", { file: answer?.ok ? answer.fileName : "" })}</h2>
          <p data-testid="trial-timing">{t("trial.timing", { count: trial.cases, seconds: trial.seconds })}</p>
          <table data-testid="trial-summary">
            <caption>{t("trial.wholeFile")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("trial.measure")}</th>
                <th scope="col" className="num">
                  {t("trial.draft")} ({d.id})
                </th>
                <th scope="col" className="num">
                  {t("trial.current")} ({d.currentId})
                </th>
              </tr>
            </thead>
            <tbody>
              {(["eligible", "total", "median", "nhs", "council"] as const).map((m) => (
                <tr key={m}>
                  <th scope="row">{t(`trial.m.${m}`)}</th>
                  <td className="num">{trial.draft[m]}</td>
                  <td className="num">{trial.current[m]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p data-testid="trial-moves">{t("trial.moves", { up: trial.up, down: trial.down, same: trial.same })}</p>
          <h3>{t("trial.chart.title")}</h3>
          <DistributionChart buckets={trial.buckets} />

          {trial.costs && <CostFitSection costs={trial.costs} />}

          {trial.errorCount > 0 && (
            <>
              <h3>{t("trial.badRows", { count: trial.errorCount })}</h3>
              <ul className="list" data-testid="trial-errors">
                {trial.errors.map((e) => (
                  <li key={e.line}>{t("trial.badRow", { line: e.line, message: e.message })}</li>
                ))}
              </ul>
            </>
          )}

          <h3>{t("trial.perCase", { count: trial.perCase.length, all: trial.cases })}</h3>
          <div className="table-wrap">
            <table data-testid="trial-cases">
              <caption className="visually-hidden">{t("trial.perCaseCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("trial.col.case")}</th>
                  <th scope="col" className="num">
                    {t("trial.col.points")}
                  </th>
                  <th scope="col">{t("trial.col.eligible")}</th>
                  <th scope="col" className="num">
                    {t("trial.col.nhs")}
                  </th>
                  <th scope="col" className="num">
                    {t("trial.col.council")}
                  </th>
                  <th scope="col" className="num">
                    {t("trial.col.total")}
                  </th>
                  <th scope="col">{t("trial.col.flags")}</th>
                  <th scope="col" className="num">
                    {t("trial.col.current")}
                  </th>
                  <th scope="col" className="num">
                    {t("trial.col.change")}
                  </th>
                  {trial.costs && (
                    <>
                      <th scope="col" className="num">
                        {t("fit.col.cost")}
                      </th>
                      <th scope="col" className="num">
                        {t("fit.col.gap")}
                      </th>
                    </>
                  )}
                </tr>
              </thead>
              <tbody>
                {trial.perCase.map((c) => (
                  <tr key={c.n}>
                    <th scope="row">{c.case}</th>
                    <td className="num">{c.points}</td>
                    <td>{c.draft.eligible ? t("trial.yes") : t("trial.no")}</td>
                    <td className="num">{c.draft.nhs}</td>
                    <td className="num">{c.draft.council}</td>
                    <td className="num">{c.draft.total}</td>
                    <td>{c.flags.map((f) => t(`trial.flag.${f}`)).join(", ")}</td>
                    <td className="num">{c.current.total}</td>
                    <td className={`num change--${c.direction}`}>{c.change ?? t("trial.noChange")}</td>
                    {trial.costs && (
                      <>
                        <td className="num">{c.cost ?? t("fit.noCost")}</td>
                        <td className="num">{c.gap ?? ""}</td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}

type Costs = NonNullable<TrialView["costs"]>;

/** The gap between this rule set's budgets and current costs, and the figure that best fits them, in plain words. */
function CostFitSection({ costs }: { costs: Costs }) {
  const { t } = useTranslation("scheme");
  const s = costs.suggestion;
  return (
    <section aria-labelledby="cost-fit" data-testid="cost-fit">
      <h3 id="cost-fit">{t("fit.title")}</h3>
      <table data-testid="cost-gap">
        <caption>{t("fit.gapCaption", { count: costs.cases })}</caption>
        <tbody>
          <tr>
            <th scope="row">{t("fit.budgets")}</th>
            <td className="num">{costs.budgets}</td>
          </tr>
          <tr>
            <th scope="row">{t("fit.costs")}</th>
            <td className="num">{costs.costs}</td>
          </tr>
          <tr>
            <th scope="row">{t("fit.gap")}</th>
            <td className="num">{costs.gap}</td>
          </tr>
          <tr>
            <th scope="row">{t("fit.meanGap")}</th>
            <td className="num">{costs.meanGap}</td>
          </tr>
        </tbody>
      </table>
      {s.form === "none" ? (
        <p>{t(`fit.none.${s.reason}`)}</p>
      ) : (
        <>
          <p>{t(s.form === "price" ? "fit.howPrice" : "fit.howBands")}</p>
          {s.form === "price" ? (
            <>
              <p>{t("fit.leastSquares", { count: s.fitted, price: s.leastSquares, whole: s.fittedPrice })}</p>
              {s.scaled && (
                <p>{t("fit.scaledPrice", { price: s.fittedPrice, total: s.fittedTotal, ceiling: s.ceiling })}</p>
              )}
              <p className="lead" data-testid="suggested-price">
                {t("fit.suggestedPrice", { price: s.suggested, current: s.current })}
              </p>
            </>
          ) : (
            <>
              <p>{t("fit.leastSquaresBands", { count: s.fitted })}</p>
              {s.scaled && <p>{t("fit.scaledBands", { total: s.fittedTotal, ceiling: s.ceiling })}</p>}
              <table data-testid="suggested-bands">
                <caption>{t("fit.bandsCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("fit.col.band")}</th>
                    <th scope="col" className="num">
                      {t("fit.col.current")}
                    </th>
                    <th scope="col" className="num">
                      {t("fit.col.fitted")}
                    </th>
                    <th scope="col" className="num">
                      {t("fit.col.suggested")}
                    </th>
                    <th scope="col" className="num">
                      {t("fit.col.cases")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {s.bands.map((b) => (
                    <tr key={b.from}>
                      <th scope="row">{t("fit.band", { from: b.from, to: b.to })}</th>
                      <td className="num">{b.current}</td>
                      <td className="num">{b.fittedAmount}</td>
                      <td className="num">{b.suggested}</td>
                      <td className="num">{b.cases}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <p>{t("fit.estimate", { total: s.estimatedTotal })}</p>
          {s.notEligible > 0 && <p>{t("fit.notEligible", { count: s.notEligible })}</p>}
        </>
      )}
    </section>
  );
}
