import { useTranslation } from "~/lib/use-translation";
import { PageTitle } from "~/components/page-title";
import { content } from "~/content/content.server";
import { pick } from "~/domain/localized";
import { GUIDE_GROUPS } from "~/domain/menu";
import { languageOf } from "~/lib/i18n.server";
import type { Route } from "./+types/guides";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["guides"] };

/** Every guide, grouped; the ways to manage a budget show what each asks of the person, to compare. */
export async function loader({ context }: Route.LoaderArgs) {
  const lang = languageOf(context);
  const { guides } = content();
  return {
    groups: GUIDE_GROUPS.map((group) => ({
      group,
      guides: guides.guides
        .filter((guide) => guide.group === group)
        .map((guide) => ({
          id: guide.id,
          title: pick(guide.title, lang),
          summary: pick(guide.summary, lang),
          asksOfYou: guide.asksOfYou?.[lang] ?? null,
        })),
    })).filter((g) => g.guides.length > 0),
  };
}

export default function GuidesPage({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("guides");
  return (
    <div className="narrow">
      <PageTitle>{t("title")}</PageTitle>
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      {d.groups.map((group) => (
        <section key={group.group} aria-labelledby={`guides-${group.group}`}>
          <h2 id={`guides-${group.group}`}>{t(`groups.${group.group}`)}</h2>
          {group.guides.map((guide) => (
            <div key={guide.id} className="guide-summary">
              <h3>
                <a href={`/guides/${guide.id}`}>{guide.title}</a>
              </h3>
              <p>{guide.summary}</p>
              {guide.asksOfYou && (
                <>
                  <p>
                    <strong>{t("asksOfYou")}</strong>
                  </p>
                  <ul className="list">
                    {guide.asksOfYou.map((ask) => (
                      <li key={ask}>{ask}</li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
