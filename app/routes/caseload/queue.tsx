import { useTranslation } from "~/lib/use-translation";
import { data } from "react-router";
import { PageTitle } from "~/components/page-title";
import { Pagination } from "~/components/pagination";
import { formatDate } from "~/lib/format";
import { languageOf } from "~/lib/i18n.server";
import { requireUser } from "~/server/session.server";
import { QUEUE_LISTS, type QueueList } from "~/domain/workflow";
import { queuePage } from "~/models/signoff.server";
import type { Route } from "./+types/queue";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["signoff"] };

const isList = (asked: string | null): asked is QueueList => QUEUE_LISTS.includes(asked as QueueList);

/**
 * The lead professional's queue. Names no record: it lists only their own people. One list at a time,
 * chosen from the counts above it, 25 a page: with a caseload of hundreds, three lists on one screen
 * each with its own pages was a long page to find one's place in.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requireUser(context, request);
  if (user.role !== "lead-professional") throw data(null, { status: 404 });
  const lang = languageOf(context);
  const url = new URL(request.url);
  const asked = url.searchParams.get("list");
  const q = await queuePage(user.id, isList(asked) ? asked : "waiting", url.searchParams.get("page"));
  const shown = { search: url.search, counts: q.counts, page: q.page };
  // Only what the page shows goes into it (and into the data the browser is sent with it).
  if (q.list === "panel")
    return {
      ...shown,
      list: q.list,
      panel: q.items.map((p) => ({ personId: p.personId, name: p.name, since: formatDate(p.since, lang) })),
    };
  if (q.list === "reviews")
    return {
      ...shown,
      list: q.list,
      reviews: q.items.map((r) => ({
        personId: r.personId,
        name: r.name,
        due: r.due,
        date: formatDate(r.reviewDate, lang),
      })),
    };
  return {
    ...shown,
    list: q.list,
    waiting: q.items.map((w) => ({
      personId: w.personId,
      name: w.name,
      days: w.days,
      version: w.version,
      reconsideration: w.reconsideration,
      sent: formatDate(w.submittedAt, lang),
    })),
  };
}

export default function Queue({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("signoff");
  const heading = t(`queue.${d.list}`);
  return (
    <>
      <PageTitle>{`${heading} – ${t("queue.title")}`}</PageTitle>
      <h1>{t("queue.title")}</h1>
      <p>{t("queue.intro")}</p>
      <nav className="sub-navigation" aria-label={t("queue.lists")}>
        <ul>
          {QUEUE_LISTS.map((list) => (
            <li key={list}>
              <a
                href={list === "waiting" ? "/queue" : `/queue?list=${list}`}
                aria-current={list === d.list ? "page" : undefined}
              >
                {t("queue.listCount", { list: t(`queue.${list}`), count: d.counts[list] })}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{heading}</h2>
      {"waiting" in d &&
        (d.waiting.length === 0 ? (
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
        ))}
      {"panel" in d &&
        (d.panel.length === 0 ? (
          <p>{t("queue.panelNone")}</p>
        ) : (
          <ul className="list">
            {d.panel.map((p) => (
              <li key={p.personId}>
                <a href={`/people/${p.personId}/plan/review`}>{p.name}</a> <span className="hint">({p.since})</span>
              </li>
            ))}
          </ul>
        ))}
      {"reviews" in d &&
        (d.reviews.length === 0 ? (
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
        ))}
      <Pagination page={d.page} search={d.search} />
    </>
  );
}
