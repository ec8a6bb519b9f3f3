import { useTranslation } from "~/lib/use-translation";
import { data } from "react-router";
import { PageTitle } from "~/components/page-title";
import { content } from "~/content/content.server";
import { pick } from "~/domain/localized";
import { languageOf } from "~/lib/i18n.server";
import type { Route } from "./+types/guide";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["guides"] };

/** One guide. An unknown id is the friendly 404, like any page that does not exist. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const lang = languageOf(context);
  const guide = content().guides.guides.find((g) => g.id === params.guideId);
  if (!guide) throw data(null, { status: 404 });
  return {
    title: pick(guide.title, lang),
    summary: pick(guide.summary, lang),
    asksOfYou: guide.asksOfYou?.[lang] ?? null,
    sections: guide.sections.map((section) => ({
      heading: section.heading ? pick(section.heading, lang) : null,
      paragraphs: section.paragraphs.map((p) => pick(p, lang)),
    })),
  };
}

export default function GuidePage({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("guides");
  return (
    <div className="narrow">
      <PageTitle>{d.title}</PageTitle>
      <p>
        <a href="/guides">{t("allGuides")}</a>
      </p>
      <h1>{d.title}</h1>
      <p className="lead">{d.summary}</p>
      {d.asksOfYou && (
        <section className="inset" aria-labelledby="guide-asks">
          <h2 id="guide-asks">{t("asksOfYou")}</h2>
          <ul className="list">
            {d.asksOfYou.map((ask) => (
              <li key={ask}>{ask}</li>
            ))}
          </ul>
        </section>
      )}
      {d.sections.map((section, i) => (
        <section key={i}>
          {section.heading && <h2>{section.heading}</h2>}
          {section.paragraphs.map((paragraph, j) => (
            <p key={j}>{paragraph}</p>
          ))}
        </section>
      ))}
    </div>
  );
}
