import { useSyncExternalStore } from "react";
import { useTranslation } from "~/lib/use-translation";
import { PageTitle } from "~/components/page-title";
import { PlanDocumentView } from "~/components/plan-document";
import { requireRecordAccess } from "~/server/access.server";
import { languageOf, translatorOf } from "~/lib/i18n.server";
import { planDocumentView } from "~/views/plan-view.server";
import { formatDate } from "~/lib/format";
import { loadPlan } from "~/models/plan.server";
import { reviewDateOf } from "~/models/signoff.server";
import { leadProfessionalNameOf } from "~/models/users.server";
import type { Route } from "./+types/print";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["journey-ui", "plan"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const lang = languageOf(context);
  const loaded = await loadPlan(access.person.id);
  const reviewDate = loaded.row ? await reviewDateOf(loaded.row.id) : null;
  return {
    personId: access.person.id,
    personName: access.personName,
    // What a printed copy must say on its face: when it was printed, who leads, agreed or not, the review.
    printedOn: formatDate(new Date().toISOString(), lang),
    lead: await leadProfessionalNameOf(access.person.id),
    reviewDate: reviewDate ? formatDate(reviewDate, lang) : null,
    doc: await planDocumentView(access.person.id, loaded, lang, translatorOf(context)),
  };
}

/** "Print this page": a button once JavaScript is running (without it, the browser's own Print works). */
function PrintButton() {
  const { t } = useTranslation("journey-ui");
  const running = useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );
  if (!running) return null;
  return (
    <p className="no-print">
      <button type="button" className="link-button" onClick={() => window.print()}>
        {t("print.printThis")}
      </button>
    </p>
  );
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
      <dl className="summary-list print-facts">
        <div>
          <dt>{t("print.printedOn")}</dt>
          <dd>{d.printedOn}</dd>
        </div>
        <div>
          <dt>{t("print.leadProfessional")}</dt>
          <dd>
            <bdi>{d.lead ?? t("print.noLead")}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t("print.state")}</dt>
          <dd>
            {t(`plan:states.${d.doc.state}`)} · {t("plan:page.cycle", { cycle: d.doc.cycle })}
          </dd>
        </div>
        <div>
          <dt>{t("print.reviewDate")}</dt>
          <dd>{d.reviewDate ?? t("print.noReview")}</dd>
        </div>
      </dl>
      <PrintButton />
      <p className="no-print">{t("print.howTo")}</p>
      <PlanDocumentView doc={d.doc} />
    </>
  );
}
