import { useTranslation } from "~/lib/use-translation";
import { PageTitle } from "~/components/page-title";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["help"] };

const SECTIONS = ["emergency", "nhs111", "samaritans", "careTeam"] as const;

/** Urgent help: linked from every page, readable without signing in. */
export default function UrgentHelpPage() {
  const { t } = useTranslation("help");
  return (
    <div className="narrow">
      <PageTitle>{t("title")}</PageTitle>
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      {SECTIONS.map((section) => (
        <section key={section} className={section === "emergency" ? "warning" : "inset"} aria-labelledby={`help-${section}`}>
          <h2 id={`help-${section}`}>{t(`${section}.heading`)}</h2>
          <p>{t(`${section}.body`)}</p>
        </section>
      ))}
      <p className="hint">{t("note")}</p>
    </div>
  );
}
