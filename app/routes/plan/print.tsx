import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/page-title";
import { PlanDocumentView } from "~/components/plan-document";
import { requireRecordAccess } from "~/server/access.server";
import { getI18n, languageOf } from "~/lib/i18n.server";
import { planDocumentView } from "~/views/plan-view.server";
import { loadPlan } from "~/models/plan.server";
import type { Route } from "./+types/print";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["journey-ui", "plan"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = requireRecordAccess(context, request, params.personId, "view-record");
  const lang = languageOf(context);
  return {
    personId: access.person.id,
    personName: access.personName,
    doc: planDocumentView(access.person.id, loadPlan(access.person.id), lang, getI18n(context).getFixedT(lang)),
  };
}

export default function PrintablePlan({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("journey-ui");
  const title = t("print.title", { name: d.personName });
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p className="no-print">
        <a href={`/people/${d.personId}/plan`}>{t("common:form.back")}</a>
      </p>
      <h1>{title}</h1>
      <p className="hint">
        {t("plan:page.cycle", { cycle: d.doc.cycle })} ·{" "}
        {t("plan:page.state", { state: t(`plan:states.${d.doc.state}`) })}
      </p>
      <p className="no-print">{t("print.howTo")}</p>
      <PlanDocumentView doc={d.doc} />
    </>
  );
}
