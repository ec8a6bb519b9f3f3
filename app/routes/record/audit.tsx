import { useTranslation } from "~/lib/use-translation";
import { PageTitle } from "~/components/page-title";
import { Pagination } from "~/components/pagination";
import { ScrollRegion } from "~/components/scroll-region";
import { formatDateTime } from "~/lib/format";
import { languageOf } from "~/lib/i18n.server";
import { requireRecordAccess } from "~/server/access.server";
import { content } from "~/content/content.server";
import { auditPage } from "~/models/audit.server";
import { userNames } from "~/models/users.server";
import type { Route } from "./+types/audit";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: [] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-audit");
  const url = new URL(request.url);
  const lang = languageOf(context);
  const { lines, page } = await auditPage(access.person.id, url.searchParams.get("page"));
  const names = await userNames(lines.map((l) => l.actorId).filter((id): id is string => Boolean(id)));
  return {
    personId: access.person.id,
    personName: access.personName,
    personUserId: access.person.userId,
    archivedAfterMonths: content().retention.auditTrail.keepInDatabaseMonths,
    page,
    search: url.search,
    lines: lines.map((l) => ({
      seq: l.seq,
      at: formatDateTime(l.at, lang),
      actor: l.actorId ? (names.get(l.actorId) ?? "—") : "—",
      actorIsPerson: l.actorId === access.person.userId,
      action: l.action,
      result: l.result,
    })),
  };
}

export default function AuditPage({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("account");
  return (
    <>
      <PageTitle>{t("audit.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}`}>{t("common:form.back")}</a>
      </p>
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <p>{t("audit.archived", { months: d.archivedAfterMonths })}</p>
      <ScrollRegion label={t("audit.title")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("audit.when")}</th>
              <th scope="col">{t("audit.who")}</th>
              <th scope="col">{t("audit.what")}</th>
              <th scope="col">{t("audit.result")}</th>
            </tr>
          </thead>
          <tbody>
            {d.lines.map((l) => (
              <tr key={l.seq}>
                <td>{l.at}</td>
                <td>{l.actorIsPerson ? l.actor : t("audit.onBehalf", { actor: l.actor, person: d.personName })}</td>
                <td>{t(`audit.actions.${l.action}`, { defaultValue: l.action })}</td>
                <td>{t(`audit.results.${l.result}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <Pagination page={d.page} search={d.search} />
    </>
  );
}
