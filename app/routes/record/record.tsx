import { useTranslation } from "~/lib/use-translation";
import { PageTitle } from "~/components/page-title";
import { mayActOnRecord } from "~/domain/access";
import { requireRecordAccess } from "~/server/access.server";
import { content } from "~/content/content.server";
import { pick } from "~/domain/localized";
import { formatDate } from "~/lib/format";
import { languageOf } from "~/lib/i18n.server";
import { leadProfessionalOf } from "~/models/teams.server";
import type { Route } from "./+types/record";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["journey-ui", "grants", "vouchers"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const lead = await leadProfessionalOf(access.person.id);
  const lang = languageOf(context);
  const team = content().teams.teams.find((t) => t.id === access.person.teamId);
  const standing = access.standing;
  return {
    personId: access.person.id,
    name: access.personName,
    isSelf: standing === "self",
    standing,
    leadProfessional: lead?.name ?? null,
    leadSince: lead?.since ? formatDate(lead.since, lang) : null,
    team: team ? pick(team.name, lang) : null,
    may: {
      chooseTeam: mayActOnRecord(standing, "choose-team"),
      helpers: mayActOnRecord(standing, "manage-helpers"),
      audit: mayActOnRecord(standing, "view-audit"),
      myData: mayActOnRecord(standing, "download-data"),
    },
  };
}

export default function RecordOverview({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("account");
  const title = d.isSelf ? t("record.ownTitle") : t("record.title", { name: d.name });
  const base = `/people/${d.personId}`;
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <h1>{title}</h1>
      <dl className="summary-list">
        {!d.isSelf && (
          <div>
            <dt>{t("record.youAre")}</dt>
            <dd>{t(`relationship.${d.standing}`)}</dd>
          </div>
        )}
        <div>
          <dt>{t("record.leadProfessional")}</dt>
          <dd>
            {d.leadProfessional
              ? d.leadSince
                ? t("record.leadSince", { name: d.leadProfessional, date: d.leadSince })
                : d.leadProfessional
              : d.team
                ? t("record.noLeadProfessional")
                : t("record.noTeam")}
          </dd>
        </div>
        <div>
          <dt>{t("record.team")}</dt>
          <dd>
            {d.team ?? t("chooseTeam.none")}
            {d.may.chooseTeam && (
              <>
                {" "}
                <a href={`/people/${d.personId}/team`}>{t("record.chooseTeam")}</a>
              </>
            )}
          </dd>
        </div>
      </dl>
      <p>
        <a className="button" href={`${base}/journey`}>
          {d.isSelf ? t("journey-ui:links.journey") : t("journey-ui:links.journeyFor", { name: d.name })}
        </a>
      </p>
      <ul className="list">
        <li>
          <a href={`${base}/assessment`}>{t("record.assessment")}</a>
        </li>
        <li>
          <a href={`${base}/budget`}>{t("record.budget")}</a>
        </li>
        <li>
          <a href={`${base}/plan`}>{t("record.plan")}</a>
        </li>
        <li>
          <a href={`${base}/grants`}>{t("grants:list.link")}</a>
        </li>
        <li>
          <a href={`${base}/vouchers`}>{t("vouchers:list.link")}</a>
        </li>
        {d.may.helpers && (
          <li>
            <a href={`${base}/helpers`}>{t("record.helpers")}</a>
          </li>
        )}
        {d.may.audit && (
          <li>
            <a href={`${base}/audit`}>{t("record.whoLooked")}</a>
          </li>
        )}
        {d.may.myData && (
          <li>
            <a href={`${base}/my-data`}>{d.isSelf ? t("record.ownMyData") : t("record.myData", { name: d.name })}</a>
          </li>
        )}
      </ul>
    </>
  );
}
