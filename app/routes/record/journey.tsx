import { useTranslation } from "~/lib/use-translation";
import { PageTitle } from "~/components/page-title";
import { content } from "~/content/content.server";
import type { Stage } from "~/domain/journey";
import { requireRecordAccess } from "~/server/access.server";
import { formatDate } from "~/lib/format";
import { languageOf } from "~/lib/i18n.server";
import { journeyOf } from "~/models/journey.server";
import type { Route } from "./+types/journey";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["journey-ui", "plan"] };

/** Where each stage's pages are. Agreeing the plan happens from the plan page. */
const STAGE_PATHS: Record<Stage, string> = {
  "identifying-need": "assessment",
  "mapping-resources": "plan/resources",
  "designing-plan": "plan",
  "agreeing-support": "plan",
  "organising-support": "plan/organising",
  "using-support": "plan/using",
  reflecting: "plan/reflecting",
};

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const lang = languageOf(context);
  const { journey, cycle, earlierCycles } = await journeyOf(access.person.id);
  const texts = content().journey.stages;
  const text = (stage: Stage) => texts.find((s) => s.id === stage)!;
  return {
    personId: access.person.id,
    personName: access.personName,
    isSelf: access.standing === "self",
    cycle,
    current: { id: journey.current, name: text(journey.current).name[lang] },
    next: { id: journey.next, name: text(journey.next).name[lang] },
    stages: journey.stages.map(({ stage, state }, index) => ({
      id: stage,
      number: index + 1,
      state,
      name: text(stage).name[lang],
      whatHappens: text(stage).whatHappens[lang],
      usualDuration: text(stage).usualDuration[lang],
      path: STAGE_PATHS[stage],
    })),
    done: new URL(request.url).searchParams.get("done"),
    earlierCycles: earlierCycles.map((c) => ({
      cycle: c.cycle,
      state: c.state,
      started: formatDate(c.createdAt, lang),
    })),
  };
}

const TAG: Record<string, string> = { done: "tag tag--done", "in-progress": "tag", "not-started": "tag tag--grey" };

export default function Journey({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("journey-ui");
  const title = d.isSelf ? t("journey.title") : t("journey.titleFor", { name: d.personName });
  const base = `/people/${d.personId}`;
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <a href={base}>{t("common:form.back")}</a>
      </p>
      <h1>{title}</h1>
      {d.done === "newCycle" && (
        <p className="confirmation" role="status">
          {t("journey.newCycleStarted", { cycle: d.cycle })}
        </p>
      )}
      <p className="lead">{t("journey.cycle", { cycle: d.cycle })}</p>
      <p>{t("journey.intro")}</p>
      <div className="inset">
        <p>
          <strong>{t("journey.whereYouAre")}</strong> {d.current.name}
        </p>
        <p>
          <strong>{t("journey.whatNext")}</strong>{" "}
          {d.current.id === "reflecting" ? t("journey.nextCycle", { name: d.next.name }) : d.next.name}
        </p>
      </div>
      <ol className="task-list">
        {d.stages.map((s) => (
          <li key={s.id} aria-current={s.id === d.current.id ? "step" : undefined}>
            <div>
              <p>
                <span className="stage-number">{s.number}.</span>
                <a href={`${base}/${s.path}`}>{s.name}</a>
                {s.id === d.current.id && <strong> {t("journey.youAreHere")}</strong>}
              </p>
              <p>{s.whatHappens}</p>
              <p className="hint">{s.usualDuration}</p>
            </div>
            <span className={TAG[s.state]}>{t(`plan:stageState.${s.state}`)}</span>
          </li>
        ))}
      </ol>
      <section aria-labelledby="earlier-cycles">
        <h2 id="earlier-cycles">{t("journey.earlierHeading")}</h2>
        {d.earlierCycles.length === 0 ? (
          <p>{t("journey.noEarlier")}</p>
        ) : (
          <ul className="list">
            {d.earlierCycles.map((c) => (
              <li key={c.cycle}>
                <a href={`${base}/plan/cycles/${c.cycle}`}>{t("journey.earlierCycle", { cycle: c.cycle })}</a> ·{" "}
                {t("journey.started", { date: c.started })} · {t(`plan:states.${c.state}`)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <ul className="list">
        <li>
          <a href={`${base}/plan/history`}>{t("links.history")}</a>
        </li>
        <li>
          <a href={`${base}/plan/print`}>{t("links.print")}</a>
        </li>
      </ul>
    </>
  );
}
