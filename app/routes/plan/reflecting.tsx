import { useId } from "react";
import { useTranslation } from "~/lib/use-translation";
import { useActionData } from "react-router";
import { ConflictView, SaveStatus, skipRevalidationOnAutosave, useAutosave } from "~/components/autosave";
import { SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { NotNowPage, PlanLockNotice } from "~/components/plan-lock";
import { planPageState } from "~/routes/plan/plan-access.server";
import { emptyReflection, readStage, reflectionSchema, type Reflection } from "~/domain/plan-stages";
import { reflectionFormSchema } from "~/forms/plan-sections";
import { ratingField } from "~/forms/field-names";
import { requireRecordAccess } from "~/server/access.server";
import { loadPlan } from "~/models/plan.server";
import { versionedSectionAction } from "~/routes/plan/section-action.server";
import type { Route } from "./+types/reflecting";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["journey-ui", "plan"] };

export const shouldRevalidate = skipRevalidationOnAutosave;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const { row, plan, stages, versions } = await loadPlan(access.person.id);
  const reflection = readStage(reflectionSchema, stages.reflection, emptyReflection());
  const again = (id: string) => reflection.ratings.find((r) => r.outcomeId === id)?.now ?? null;
  const values: Record<string, string> = { working: reflection.working, notWorking: reflection.notWorking };
  for (const o of plan.outcomes) {
    const rating = again(o.id);
    if (rating !== null) values[ratingField(o.id)] = String(rating);
  }
  return {
    personId: access.person.id,
    ...(await planPageState(access, "record-use")),
    cycle: row?.cycle ?? 1,
    outcomes: plan.outcomes.map((o) => ({ id: o.id, words: o.words, before: o.now, hope: o.hope, now: again(o.id) })),
    values,
    version: versions.reflection,
    done: new URL(request.url).searchParams.get("done"),
  };
}

export async function action(args: Route.ActionArgs) {
  return versionedSectionAction(
    args,
    "reflection",
    "reflecting",
    {
      schema: async (personId) => reflectionFormSchema((await loadPlan(personId)).plan.outcomes.map((o) => o.id)),
      toContent: async (data) =>
        reflectionFromForm(data as Record<string, unknown>, (await loadPlan(args.params.personId)).plan),
      toValues: (stored) => reflectionToValues(readStage(reflectionSchema, stored, emptyReflection())),
    },
    "record-use",
  );
}

/** The form's values as a Reflection: each outcome's "where I am now" where one was given. */
function reflectionFromForm(data: Record<string, unknown>, plan: { outcomes: { id: string }[] }): Reflection {
  return {
    working: typeof data.working === "string" ? data.working : "",
    notWorking: typeof data.notWorking === "string" ? data.notWorking : "",
    ratings: plan.outcomes.flatMap((o) => {
      const now = data[ratingField(o.id)];
      return typeof now === "number" ? [{ outcomeId: o.id, now }] : [];
    }),
  };
}

function reflectionToValues(reflection: Reflection): Record<string, string> {
  const values: Record<string, string> = { working: reflection.working, notWorking: reflection.notWorking };
  for (const r of reflection.ratings) values[ratingField(r.outcomeId)] = String(r.now);
  return values;
}

export default function Reflecting({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("journey-ui");
  const result = useActionData<typeof action>();
  const refusal = result && "errors" in result ? result : undefined;
  const stopped = result && "notNow" in result ? result.notNow : undefined;
  const conflict = result && "conflict" in result ? result : undefined;
  const { version, status } = useAutosave("reflect-form-fields", d.version);
  const outcomeIds = d.outcomes.map((o) => o.id);
  const labels: Record<string, string> = {
    working: t("reflecting.working"),
    notWorking: t("reflecting.notWorking"),
    ...Object.fromEntries(d.outcomes.map((o) => [ratingField(o.id), t("reflecting.nowFor", { words: o.words })])),
  };
  if (stopped)
    return (
      <NotNowPage
        notNow={stopped}
        labels={labels}
        title={t("reflecting.title")}
        personId={d.personId}
        backHref={`/people/${d.personId}/plan/reflecting`}
      />
    );
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("reflecting.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/journey`}>{t("common:form.back")}</a>
      </p>
      <h1>{t("reflecting.title")}</h1>
      <PlanLockNotice lock={d.lock} personId={d.personId} />
      {d.done && (
        <p className="confirmation" role="status">
          {t("section.saved")}
        </p>
      )}
      <p>{t("reflecting.intro")}</p>
      {d.outcomes.length > 0 && (
        <section aria-labelledby="ratings-heading">
          <h2 id="ratings-heading">{t("reflecting.ratingsHeading")}</h2>
          <RatingsChart outcomes={d.outcomes} />
        </section>
      )}
      {conflict && (
        <>
          <ConflictView
            conflict={conflict.conflict}
            yours={conflict.yours}
            fields={Object.entries(labels).map(([name, label]) => ({ name, label }))}
          />
          <p>
            <a href={`/people/${d.personId}/plan/reflecting`}>{t("conflict.backToForm")}</a>
          </p>
        </>
      )}
      {d.canEdit && !conflict && (
        <section aria-labelledby="reflect-form">
          <h2 id="reflect-form">{t("reflecting.formHeading")}</h2>
          <ValidatedForm
            schema={() => import("~/forms/plan-sections").then((m) => m.reflectionFormSchema(outcomeIds))}
            values={refusal?.values ?? d.values}
            errors={refusal?.errors}
            labels={labels}
            hidden={{ intent: "save", version: String(version) }}
            id="reflect-form-fields"
          >
            <TextField name="working" label={labels.working!} multiline />
            <TextField name="notWorking" label={labels.notWorking!} multiline />
            {d.outcomes.map((o) => (
              <TextField
                key={o.id}
                name={ratingField(o.id)}
                label={labels[ratingField(o.id)]!}
                hint={t("reflecting.nowHint", { before: o.before, hope: o.hope })}
                type="number"
                short
                inputMode="numeric"
              />
            ))}
            <SaveStatus status={status} />
            <SubmitButton>{t("section.save")}</SubmitButton>
          </ValidatedForm>
        </section>
      )}
      <section aria-labelledby="next-cycle">
        <h2 id="next-cycle">{t("reflecting.nextHeading")}</h2>
        <p>{t("reflecting.nextByReview", { cycle: d.cycle, next: d.cycle + 1 })}</p>
        <p>
          <a href={`/people/${d.personId}/plan/decision#early-review`}>{t("reflecting.earlyReviewLink")}</a>
        </p>
      </section>
    </>
  );
}

type RatedOutcome = { id: string; words: string; before: number; hope: number; now: number | null };

/** Each outcome's rating when the plan was made, now, and hoped for: bars with a text alternative, and the same in a table. */
function RatingsChart({ outcomes }: { outcomes: RatedOutcome[] }) {
  const { t } = useTranslation("journey-ui");
  const id = useId();
  const row = 30;
  const height = outcomes.length * row;
  const summary = outcomes
    .map((o) =>
      t("reflecting.chartLine", {
        words: o.words,
        before: o.before,
        now: o.now ?? t("reflecting.notRated"),
        hope: o.hope,
      }),
    )
    .join(" ");
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 100 ${height}`}
        width="100%"
        height={height * 2}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        preserveAspectRatio="none"
      >
        <title id={`${id}-title`}>{t("reflecting.chartTitle")}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {outcomes.map((o, i) => (
          <g key={o.id}>
            <rect
              x="0"
              y={i * row + 2}
              width={o.hope * 10}
              height="8"
              fill="#dbe7f3"
              stroke="#0b0c0c"
              strokeWidth="0.2"
            />
            <rect x="0" y={i * row + 11} width={o.before * 10} height="8" fill="#505a5f" />
            {o.now !== null && <rect x="0" y={i * row + 20} width={o.now * 10} height="8" fill="#005eb8" />}
          </g>
        ))}
      </svg>
      <figcaption>{t("reflecting.chartKey")}</figcaption>
      <table>
        <caption className="visually-hidden">{t("reflecting.chartTitle")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("reflecting.outcome")}</th>
            <th scope="col" className="num">
              {t("reflecting.before")}
            </th>
            <th scope="col" className="num">
              {t("reflecting.now")}
            </th>
            <th scope="col" className="num">
              {t("reflecting.hope")}
            </th>
          </tr>
        </thead>
        <tbody>
          {outcomes.map((o) => (
            <tr key={o.id}>
              <th scope="row">“{o.words}”</th>
              <td className="num">{o.before}</td>
              <td className="num">{o.now ?? t("reflecting.notRated")}</td>
              <td className="num">{o.hope}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
