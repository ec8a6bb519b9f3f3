import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/page-title";
import { ownPersonId, recordsVisibleTo } from "~/server/access.server";
import { requireUser } from "~/server/session.server";
import { pendingFor } from "~/models/helpers.server";
import type { Route } from "./+types/home";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: [] };

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requireUser(context, request);
  return {
    name: user.name,
    role: user.role,
    ownRecord: user.role === "person" ? (ownPersonId(user) ?? null) : null,
    records: user.role === "person" || user.role === "commissioner" ? [] : recordsVisibleTo(user),
    pending: user.role === "representative" ? pendingFor(user).map((p) => p.personName) : [],
    canLink: user.role === "commissioner" || user.isTeamAdmin,
  };
}

export default function Home({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("account");
  return (
    <>
      <PageTitle>{t("home.title")}</PageTitle>
      <h1>{t("home.title")}</h1>
      <p className="hint">
        {t("nav.signedInAs", { name: d.name })} · {t(`roles.${d.role}`)}
      </p>
      {d.role === "person" && d.ownRecord && (
        <>
          <p>{t("home.personIntro")}</p>
          <p>
            <a className="button" href={`/people/${d.ownRecord}`}>
              {t("home.openRecord")}
            </a>
          </p>
        </>
      )}
      {(d.role === "representative" || d.role === "peer-broker" || d.role === "lead-professional") && (
        <section aria-labelledby="people-heading">
          <h2 id="people-heading">{t("nav.people")}</h2>
          {d.role === "lead-professional" && (
            <p>
              <a className="button" href="/queue">
                {t("account:nav.queue")}
              </a>
            </p>
          )}
          <p>{d.role === "lead-professional" ? t("home.professionalIntro") : t("home.helperIntro")}</p>
          {d.records.length === 0 ? (
            <p>{t("home.nobodyYet")}</p>
          ) : (
            <ul className="list">
              {d.records.map((r) => (
                <li key={r.personId}>
                  <a href={`/people/${r.personId}`}>{r.name}</a>{" "}
                  <span className="hint">({t(`relationship.${r.standing}`)})</span>
                </li>
              ))}
            </ul>
          )}
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
    </>
  );
}
