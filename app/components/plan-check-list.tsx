import { useTranslation } from "~/lib/use-translation";
import type { planCheckView } from "~/views/plan-view.server";

/** The six criteria, each met or not yet with plain reasons; with `fixLink`, each reason links to its part. */
export function PlanCheckList({
  check,
  fixLink,
}: {
  check: Awaited<ReturnType<typeof planCheckView>>;
  fixLink?: (fix: string) => string;
}) {
  const { t } = useTranslation("plan");
  return (
    <>
      {check.small && <p className="inset">{check.smallNote}</p>}
      <ul className="task-list">
        {check.criteria.map((c) => (
          <li key={c.criterion}>
            <div>
              <strong>{c.name}</strong>
              {c.problems.length > 0 && (
                <ul className="list">
                  {c.problems.map((p, i) => (
                    <li key={i}>
                      {p.text}
                      {fixLink && (
                        <>
                          {" "}
                          <a href={fixLink(p.fix)}>
                            {t("page.fix")}
                            <span className="visually-hidden">: {p.text}</span>
                          </a>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <span className={c.met ? "tag tag--done" : "tag tag--warn"}>
              {c.met ? t("criterionState.met") : t("criterionState.notYet")}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
