import { useTranslation } from "~/lib/use-translation";
import { data } from "react-router";
import { PageTitle } from "~/components/page-title";
import { PlanDocumentView } from "~/components/plan-document";
import { requireRecordAccess } from "~/server/access.server";
import { languageOf, translatorOf } from "~/lib/i18n.server";
import { planDocumentView } from "~/views/plan-view.server";
import { loadPlanOfCycle } from "~/models/plan.server";
import type { Route } from "./+types/cycle";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["journey-ui", "plan"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const cycle = /^[1-9]\d{0,3}$/.test(params.cycle) ? Number(params.cycle) : NaN;
  const loaded = Number.isNaN(cycle) ? undefined : await loadPlanOfCycle(access.person.id, cycle);
  if (!loaded) throw data(null, { status: 404 });
  const lang = languageOf(context);
  return {
    personId: access.person.id,
    personName: access.personName,
    cycle,
    doc: await planDocumentView(access.person.id, loaded, lang, translatorOf(context)),
  };
}

/** An earlier cycle's plan, read-only, exactly as it was left. */
export default function CyclePlan({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("journey-ui");
  const title = t("cycles.title", { cycle: d.cycle, name: d.personName });
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p className="no-print">
        <a href={`/people/${d.personId}/journey`}>{t("common:form.back")}</a>
      </p>
      <h1>{title}</h1>
      <p className="hint">{t("plan:page.state", { state: t(`plan:states.${d.doc.state}`) })}</p>
      <p className="inset">{t("cycles.readOnly")}</p>
      <PlanDocumentView doc={d.doc} />
    </>
  );
}
