import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/page-title";
import { requireRecordAccess } from "~/server/access.server";
import { everythingAbout } from "~/models/my-data.server";
import type { Route } from "./+types/my-data";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: [] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = requireRecordAccess(context, request, params.personId, "download-data");
  return { personId: access.person.id, name: access.personName, everything: everythingAbout(access.person.id)! };
}

/** Renders any JSON-like value as nested description lists: readable without knowing JSON. */
function Readable({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === "") return <span className="hint">—</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="hint">—</span>;
    return (
      <ol className="list">
        {value.map((v, i) => (
          <li key={i}>
            <Readable value={v} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof value === "object") {
    return (
      <dl className="summary-list">
        {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>
              <Readable value={v} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <>{String(value)}</>;
}

export default function MyData({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("account");
  return (
    <>
      <PageTitle>{t("myData.title", { name: d.name })}</PageTitle>
      <p>
        <a href={`/people/${d.personId}`}>{t("common:form.back")}</a>
      </p>
      <h1>{t("myData.title", { name: d.name })}</h1>
      <p>{t("myData.intro")}</p>
      <p>
        <a className="button button--secondary" href={`/people/${d.personId}/my-data.json`} download>
          {t("myData.download")}
        </a>
      </p>
      <Readable value={d.everything} />
      <h2>{t("myData.auditTitle")}</h2>
      <p>
        {t("myData.auditIntro")} <a href={`/people/${d.personId}/audit`}>{t("myData.auditLink")}</a>
      </p>
    </>
  );
}
