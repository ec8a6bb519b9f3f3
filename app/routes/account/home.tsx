import { useTranslation } from "~/lib/use-translation";
import { PageTitle } from "~/components/page-title";
import { Pagination } from "~/components/pagination";
import { ScrollRegion } from "~/components/scroll-region";
import { insightsReachOf, isAdministratorOf, isOnPanel, mayManageStaff } from "~/domain/access";
import { languageOf } from "~/lib/i18n.server";
import { pendingFor } from "~/models/helpers.server";
import { ownPersonId, recordsVisibleTo } from "~/server/access.server";
import { requireUser } from "~/server/session.server";
import { CASELOAD_SORTS, caseloadView, personHomeView, type CaseloadSort } from "~/views/home-view.server";
import type { Route } from "./+types/home";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["plan", "signoff"] };

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requireUser(context, request);
  const lang = languageOf(context);
  const url = new URL(request.url);
  const ownRecord = user.role === "person" ? ((await ownPersonId(user)) ?? null) : null;
  const asked = url.searchParams.get("sort");
  const sort: CaseloadSort = CASELOAD_SORTS.includes(asked as CaseloadSort) ? (asked as CaseloadSort) : "needs";
  // A page of 25 by name from the database, then sorted as asked (docs/decisions: caseload paging and sorting).
  const visible = await recordsVisibleTo(user, url.searchParams.get("page"));
  return {
    page: visible.page,
    search: url.search,
    name: user.name,
    role: user.role,
    own: ownRecord ? await personHomeView(ownRecord, user.id, lang) : null,
    sort,
    caseload: (
      await caseloadView(visible.records, lang, sort, {
        leadId: user.role === "lead-professional" ? user.id : undefined,
      })
    ).map((row) => ({
      // What the table shows, no more: the page's data is sent with it, and a caseload page is 25 rows.
      personId: row.personId,
      name: row.name,
      stageNumber: row.stageNumber,
      stage: row.stage,
      state: row.state,
      daysWaiting: row.daysWaiting,
      reviewDate: row.reviewDate,
      action: row.action,
      standing: visible.records.find((v) => v.personId === row.personId)!.standing,
    })),
    pending: user.role === "representative" ? (await pendingFor(user)).map((p) => p.personName) : [],
    canLink: isAdministratorOf(user, user.teamId),
    canManageStaff: mayManageStaff(user, user.teamId),
    onPanel: isOnPanel(user),
    insights: { "all-teams": "/insights", "own-team": "/insights/team", none: null }[insightsReachOf(user) ?? "none"],
  };
}

type Data = Route.ComponentProps["loaderData"];

/** The person's home: where am I, what next, what is waiting, who is helping. */
function PersonHome({ own }: { own: NonNullable<Data["own"]> }) {
  const { t } = useTranslation(["account", "plan"]);
  const nextKey =
    own.planState === "submitted" ||
    own.planState === "changes-requested" ||
    own.planState === "signed-off" ||
    own.planState === "referred-to-panel"
      ? own.planState
      : own.nextStage;
  return (
    <>
      <section className="panel home-now" aria-labelledby="home-now">
        <p className="hint">{t("home.stageOf", { n: own.stage.number, total: own.total })}</p>
        <h2 id="home-now">{own.stage.name}</h2>
        <p>{t(`home.nextText.${nextKey}`)}</p>
        <p>
          <a className="button" href={own.nextHref}>
            {t(`home.next.${nextKey}`)}
          </a>
        </p>
        <p>
          <a href={`${own.base}/journey`}>{t("home.allSteps")}</a>
        </p>
      </section>
      <section aria-labelledby="home-waiting">
        <h2 id="home-waiting">{t("home.waitingHeading")}</h2>
        <ul className="list">
          {own.planState && (
            <li>
              {t("home.planState", { state: t(`plan:states.${own.planState}`) })}
              {own.sentOn && <> {t("home.sentOn", { date: own.sentOn })}</>}
            </li>
          )}
          {own.reviewDate && <li>{t("home.reviewOn", { date: own.reviewDate })}</li>}
          {own.unread > 0 && (
            <li>
              <a href="/notifications">{t("home.unread", { count: own.unread })}</a>
            </li>
          )}
          {!own.planState && !own.reviewDate && own.unread === 0 && <li>{t("home.nothingWaiting")}</li>}
        </ul>
      </section>
      <section aria-labelledby="home-helpers">
        <h2 id="home-helpers">{t("home.helpersHeading")}</h2>
        <dl className="summary-list">
          <div>
            <dt>{t("record.leadProfessional")}</dt>
            <dd>
              <bdi>{own.lead ?? t("record.noLeadProfessional")}</bdi>
            </dd>
          </div>
          {own.helpers.map((h) => (
            <div key={h.name}>
              <dt>{t(`helpers.kind.${h.kind}`)}</dt>
              <dd>
                <bdi>{h.name}</bdi>
              </dd>
            </div>
          ))}
        </dl>
        <p>
          <a href={`${own.base}/helpers`}>
            {own.helpers.length === 0 ? t("home.inviteHelper") : t("home.manageHelpers")}
          </a>
        </p>
      </section>
      <p>
        <a className="button button--secondary" href={own.base}>
          {t("home.openRecord")}
        </a>
      </p>
    </>
  );
}

const COLUMNS = [
  ["name", "home.col.name"],
  ["stage", "home.col.stage"],
  ["state", "home.col.state"],
  ["waiting", "home.col.waiting"],
  ["review", "home.col.review"],
] as const;

/** The people someone helps or leads, one row each, sortable by links (no JavaScript needed). */
function Caseload({ rows, sort, professional }: { rows: Data["caseload"]; sort: CaseloadSort; professional: boolean }) {
  const { t } = useTranslation(["account", "plan"]);
  return (
    <ScrollRegion label={t("home.caseloadCaption")}>
      <table className="caseload">
        <caption className="visually-hidden">{t("home.caseloadCaption")}</caption>
        <thead>
          <tr>
            {COLUMNS.map(([key, label]) => (
              <th
                key={key}
                scope="col"
                aria-sort={sort === key ? (key === "waiting" ? "descending" : "ascending") : undefined}
              >
                {sort === key ? t(label) : <a href={`/home?sort=${key}`}>{t(label)}</a>}
              </th>
            ))}
            {professional && <th scope="col">{t("home.col.needs")}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.personId}>
              <th scope="row">
                <a href={`/people/${r.personId}`}>
                  <bdi>{r.name}</bdi>
                </a>
                {/* A professional's rows are all their own people, as the intro says: no need to say so on each. */}
                {!professional && <span className="hint"> {t(`relationship.${r.standing}`)}</span>}
              </th>
              <td>
                {r.stageNumber}. {r.stage}
              </td>
              <td>{r.state ? t(`plan:states.${r.state}`) : t("home.noPlan")}</td>
              <td className="num">{r.daysWaiting === null ? "—" : t("home.days", { count: r.daysWaiting })}</td>
              <td>{r.reviewDate ?? "—"}</td>
              {professional && (
                <td>
                  {r.action === "review-plan" ? (
                    <a href={`/people/${r.personId}/plan/review`}>{t("home.action.reviewPlan", { name: r.name })}</a>
                  ) : r.action === "hold-review" ? (
                    <a href={`/people/${r.personId}/plan/review-meeting`}>
                      {t("home.action.holdReview", { name: r.name })}
                    </a>
                  ) : (
                    <span className="hint">{t("home.action.none")}</span>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export default function Home({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("account");
  const professional = d.role === "lead-professional";
  return (
    <>
      <PageTitle>{t("home.title")}</PageTitle>
      <h1>{d.own ? t("home.personTitle") : t("home.title")}</h1>
      <p className="hint">
        {t("nav.signedInAs", { name: d.name })} · {t(`roles.${d.role}`)}
      </p>
      {d.own && <PersonHome own={d.own} />}
      {(d.role === "representative" || d.role === "peer-broker" || professional) && (
        <section aria-labelledby="people-heading">
          <h2 id="people-heading">{professional ? t("home.caseloadHeading") : t("nav.people")}</h2>
          {professional && (
            <p>
              <a className="button" href="/queue">
                {t("account:nav.queue")}
              </a>
            </p>
          )}
          <p>{professional ? t("home.professionalIntro") : t("home.helperIntro")}</p>
          {d.caseload.length === 0 ? (
            <p>{t("home.nobodyYet")}</p>
          ) : (
            <Caseload rows={d.caseload} sort={d.sort} professional={professional} />
          )}
          <Pagination page={d.page} search={d.search} />
          {d.pending.map((name) => (
            <p className="inset" key={name}>
              {t("home.pendingAuthority", { name })}
            </p>
          ))}
        </section>
      )}
      {(d.role === "representative" || d.role === "peer-broker") && (
        <p>
          {t("home.haveCode")} <a href="/invitation">{t("home.enterCode")}</a>
        </p>
      )}
      {d.role === "commissioner" && (
        <>
          <p>{t("home.commissionerIntro")}</p>
          <p>
            <a href="/scheme">{t("nav.ruleSets")}</a>
          </p>
        </>
      )}
      {d.canLink && (
        <p>
          <a href="/team">{t("nav.team")}</a>
        </p>
      )}
      {d.onPanel && (
        <p>
          <a className="button" href="/panel">
            {t("signoff:panel.title")}
          </a>
        </p>
      )}
      {d.canManageStaff && (
        <p>
          <a href="/team/staff">{t("staff.link")}</a>
        </p>
      )}
      {d.insights && (
        <p>
          <a href={d.insights}>{t("nav.insights")}</a>
        </p>
      )}
    </>
  );
}
