import { useTranslation } from "~/lib/use-translation";
import type { CrisisLine } from "~/views/urgent-help-view.server";

/** A phone number as a link that dials it, always read left to right. */
function Phone({ number }: { number: string }) {
  return (
    <a href={`tel:${number.replace(/\s/g, "")}`} className="phone">
      <bdi dir="ltr">{number}</bdi>
    </a>
  );
}

/**
 * Urgent help in place (NHS inset): calm and short, wherever a person says they may not be safe.
 * Needs the "help" namespace in the route's handle.
 */
export function UrgentHelpInset({ line }: { line: CrisisLine }) {
  const { t } = useTranslation("help");
  return (
    <aside className="urgent-help-inset" aria-labelledby="urgent-help-heading" data-testid="urgent-help">
      <h2 id="urgent-help-heading">{t("inset.heading")}</h2>
      <p>{t("inset.intro")}</p>
      <ul className="list">
        <li>
          {t("inset.emergency")} <Phone number="999" />
        </li>
        <li>
          {t("inset.nhs111")} <Phone number="111" /> {t("inset.option2")}
        </li>
        <li>
          {t("inset.samaritans")} <Phone number="116 123" />
        </li>
        <li>
          {line.name}: <Phone number={line.phone} /> <span className="hint">({line.hours})</span>
        </li>
      </ul>
      <p>
        <a href="/help">{t("inset.more")}</a>
      </p>
    </aside>
  );
}
