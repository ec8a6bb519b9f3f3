import { useTranslation } from "~/lib/use-translation";
import { ScrollRegion } from "~/components/scroll-region";
import { PageTitle } from "~/components/page-title";
import { Pagination } from "~/components/pagination";
import { requireRecordAccess } from "~/server/access.server";
import { languageOf, translatorOf } from "~/lib/i18n.server";
import { historyOf } from "~/models/journey.server";
import { historyView } from "~/views/history-view.server";
import type { Route } from "./+types/history";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["journey-ui", "plan"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const lang = languageOf(context);
  const t = translatorOf(context);
  const url = new URL(request.url);
  const history = await historyOf(
    access.person.id,
    access.person.userId,
    access.personName,
    url.searchParams.get("page"),
  );
  return {
    personId: access.person.id,
    page: history.page,
    search: url.search,
    rows: historyView(history.rows, lang, t),
  };
}

export default function PlanHistory({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("journey-ui");
  return (
    <>
      <PageTitle>{t("history.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/plan`}>{t("common:form.back")}</a>
      </p>
      <h1>{t("history.title")}</h1>
      <p>{t("history.intro")}</p>
      {d.rows.length === 0 ? (
        <p>{t("history.none")}</p>
      ) : (
        <ScrollRegion label={t("history.title")}>
          <table>
            <caption className="visually-hidden">{t("history.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("history.when")}</th>
                <th scope="col">{t("history.who")}</th>
                <th scope="col">{t("history.part")}</th>
                <th scope="col">{t("history.what")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((row) => (
                <tr key={row.seq}>
                  <td>{row.when}</td>
                  <td>{row.who}</td>
                  <td>
                    {t(`parts.${row.section}`)}
                    {row.conflict && (
                      <>
                        <br />
                        <span className="tag tag--warn">{t("history.conflict")}</span>
                      </>
                    )}
                  </td>
                  <td>
                    {row.lines.length === 1 ? (
                      row.lines[0]
                    ) : (
                      <ul className="list">
                        {row.lines.map((line, i) => (
                          <li key={i}>{line}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <Pagination page={d.page} search={d.search} />
    </>
  );
}
