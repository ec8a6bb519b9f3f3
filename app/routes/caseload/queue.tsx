import { useTranslation } from "~/lib/use-translation";
import { data } from "react-router";
import { PageTitle } from "~/components/page-title";
import { Pagination } from "~/components/pagination";
import { slicePage } from "~/domain/paging";
import { formatDate } from "~/lib/format";
import { languageOf } from "~/lib/i18n.server";
import { requireUser } from "~/server/session.server";
import { queueFor } from "~/models/signoff.server";
import type { Route } from "./+types/queue";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["signoff"] };

/** The lead professional's queue. Names no record: it lists only their own people. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requireUser(context, request);
  if (user.role !== "lead-professional") throw data(null, { status: 404 });
  const lang = languageOf(context);
  const q = await queueFor(user.id);
  // Each list pages on its own (?waiting=2&reviews=3), so the other lists stay where they were.
  const url = new URL(request.url);
  const waiting = slicePage(q.waiting, url.searchParams.get("waiting"));
  const panel = slicePage(q.panel, url.searchParams.get("panel"));
  const reviews = slicePage(q.reviews, url.searchParams.get("reviews"));
  return {
    search: url.search,
    waitingPage: waiting.page,
    panelPage: panel.page,
    reviewsPage: reviews.page,
    waiting: waiting.items.map((w) => ({ ...w, sent: formatDate(w.submittedAt, lang) })),
    panel: panel.items.map((p) => ({ ...p, since: formatDate(p.since, lang) })),
    reviews: reviews.items.map((r) => ({ ...r, date: formatDate(r.reviewDate, lang) })),
  };
}

export default function Queue({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("signoff");
  return (
    <>
      <PageTitle>{t("queue.title")}</PageTitle>
      <h1>{t("queue.title")}</h1>
      <p>{t("queue.intro")}</p>
      <section aria-labelledby="queue-waiting">
        <h2 id="queue-waiting">{t("queue.waiting")}</h2>
        {d.waiting.length === 0 ? (
          <p>{t("queue.waitingNone")}</p>
        ) : (
          <ul className="task-list">
            {d.waiting.map((w) => (
              <li key={w.personId}>
                <div>
                  <a href={`/people/${w.personId}/plan/review`}>
                    {w.name}
                    <span className="visually-hidden">: {t("queue.decide")}</span>
                  </a>
                  <p className="hint">{t("queue.sentOn", { date: w.sent, version: w.version })}</p>
                  {w.reconsideration && <p className="warning">{t("queue.reconsideration")}</p>}
                </div>
                <span className="tag tag--warn">{t("queue.waited", { count: w.days })}</span>
              </li>
            ))}
          </ul>
        )}
        <Pagination page={d.waitingPage} param="waiting" search={d.search} list={t("queue.waiting")} />
      </section>
      <section aria-labelledby="queue-panel">
        <h2 id="queue-panel">{t("queue.panel")}</h2>
        {d.panel.length === 0 ? (
          <p>{t("queue.panelNone")}</p>
        ) : (
          <ul className="list">
            {d.panel.map((p) => (
              <li key={p.personId}>
                <a href={`/people/${p.personId}/plan/review`}>{p.name}</a> <span className="hint">({p.since})</span>
              </li>
            ))}
          </ul>
        )}
        <Pagination page={d.panelPage} param="panel" search={d.search} list={t("queue.panel")} />
      </section>
      <section aria-labelledby="queue-reviews">
        <h2 id="queue-reviews">{t("queue.reviews")}</h2>
        {d.reviews.length === 0 ? (
          <p>{t("queue.reviewsNone")}</p>
        ) : (
          <ul className="task-list">
            {d.reviews.map((r) => (
              <li key={r.personId}>
                <div>
                  <a href={`/people/${r.personId}/plan/review-meeting`}>
                    {r.name}
                    <span className="visually-hidden">: {t("queue.holdReview")}</span>
                  </a>
                  <p className="hint">{t("queue.reviewOn", { date: r.date })}</p>
                </div>
                {r.due && <span className="tag tag--warn">{t("queue.dueSoon")}</span>}
              </li>
            ))}
          </ul>
        )}
        <Pagination page={d.reviewsPage} param="reviews" search={d.search} list={t("queue.reviews")} />
      </section>
    </>
  );
}
