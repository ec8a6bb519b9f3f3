import { useTranslation } from "~/lib/use-translation";
import { data } from "react-router";
import { PageTitle } from "~/components/page-title";
import { Pagination } from "~/components/pagination";
import { isOnPanel } from "~/domain/access";
import { slicePage } from "~/domain/paging";
import { formatDate } from "~/lib/format";
import { languageOf } from "~/lib/i18n.server";
import { panelQueueFor } from "~/models/signoff.server";
import { requireUser } from "~/server/session.server";
import type { Route } from "./+types/panel";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["signoff"] };

/** The positive-risk panel's list: plans of the member's own team referred to the panel now. Names no record. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requireUser(context, request);
  if (!isOnPanel(user)) throw data(null, { status: 404 });
  const lang = languageOf(context);
  const url = new URL(request.url);
  const { items, page } = slicePage(await panelQueueFor(user.teamId!), url.searchParams.get("page"));
  return {
    search: url.search,
    page,
    referred: items.map((r) => ({ ...r, since: r.since ? formatDate(r.since, lang) : "—" })),
  };
}

export default function PanelQueue({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("signoff");
  return (
    <>
      <PageTitle>{t("panel.title")}</PageTitle>
      <h1>{t("panel.title")}</h1>
      <p>{t("panel.intro")}</p>
      {d.referred.length === 0 ? (
        <p>{t("panel.none")}</p>
      ) : (
        <ul className="task-list">
          {d.referred.map((r) => (
            <li key={r.personId}>
              <div>
                <a href={`/people/${r.personId}/plan/review`}>
                  <bdi>{r.name}</bdi>
                  <span className="visually-hidden">: {t("panel.decide")}</span>
                </a>
                <p className="hint">{t("panel.referredOn", { date: r.since, lead: r.leadName ?? "—" })}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={d.page} search={d.search} />
    </>
  );
}
