import { useTranslation } from "~/lib/use-translation";
import { PageTitle } from "~/components/page-title";
import { languageOf } from "~/lib/i18n.server";
import { whatMyDataPageShows } from "~/models/my-data.server";
import { requireRecordAccess } from "~/server/access.server";
import { myDataView } from "~/views/my-data-view.server";
import type { Route } from "./+types/my-data";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["plan", "signoff"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "download-data");
  return {
    personId: access.person.id,
    name: access.personName,
    sections: myDataView((await whatMyDataPageShows(access.person.id))!, languageOf(context)),
  };
}

export default function MyData({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("account");
  const base = `/people/${d.personId}`;
  return (
    <>
      <PageTitle>{t("myData.title", { name: d.name })}</PageTitle>
      <p>
        <a href={base}>{t("common:form.back")}</a>
      </p>
      <h1>{t("myData.title", { name: d.name })}</h1>
      <p>{t("myData.intro")}</p>
      <p>
        <a className="button button--secondary" href={`${base}/my-data.json`} download>
          {t("myData.download")}
        </a>
      </p>
      {d.sections.map((section) => (
        <section key={section.heading} aria-labelledby={`h-${section.heading}`}>
          <h2 id={`h-${section.heading}`}>{t(section.heading)}</h2>
          {section.total !== undefined && (
            <p className="hint">{t("myData.newest", { shown: section.rows.length, total: section.total })}</p>
          )}
          {section.rows.length === 0 ? (
            <p className="hint">{t("myData.nothing")}</p>
          ) : (
            section.rows.map((rows, i) => (
              <dl className="summary-list" key={i}>
                {rows.map((row) => (
                  <div key={row.label}>
                    <dt>{t(row.label)}</dt>
                    <dd>
                      <bdi>{row.valueKey ? [t(row.valueKey), row.value].filter(Boolean).join(" ") : row.value}</bdi>
                    </dd>
                  </div>
                ))}
              </dl>
            ))
          )}
        </section>
      ))}
      <h2>{t("myData.sections.audit")}</h2>
      <p>
        <a href={`${base}/audit`}>{t("record.whoLooked")}</a>
      </p>
    </>
  );
}
