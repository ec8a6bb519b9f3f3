import { useTranslation } from "~/lib/use-translation";
import { PageTitle } from "~/components/page-title";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["start"] };

const STEPS = ["s1", "s2", "s3", "s4", "s5", "s6", "s7"] as const;
const SECTIONS = ["whatIs", "howMuch", "waysToManage", "help", "howLong"] as const;
// Public pages worth reading before starting, each linked from the section it belongs to.
const SECTION_LINKS: Partial<Record<(typeof SECTIONS)[number], string>> = {
  whatIs: "/menu",
  waysToManage: "/guides",
  help: "/help-outside-budget",
};

export default function StartPage() {
  const { t } = useTranslation("start");
  return (
    <div className="narrow">
      <PageTitle>{t("title")}</PageTitle>
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      {SECTIONS.map((section) => (
        <section key={section} aria-labelledby={`start-${section}`}>
          <h2 id={`start-${section}`}>{t(`${section}.heading`)}</h2>
          {(["p1", "p2"] as const).map((p) =>
            t(`${section}.${p}`, { defaultValue: "" }) ? <p key={p}>{t(`${section}.${p}`)}</p> : null,
          )}
          {SECTION_LINKS[section] && (
            <p>
              <a href={SECTION_LINKS[section]}>{t(`${section}.link`)}</a>
            </p>
          )}
        </section>
      ))}
      <h2>{t("steps.heading")}</h2>
      <ol className="list">
        {STEPS.map((s) => (
          <li key={s}>{t(`steps.${s}`)}</li>
        ))}
      </ol>
      <p>
        <a className="button" href="/sign-up">
          {t("start")}
        </a>
      </p>
      <p>
        {t("haveAccount")} <a href="/sign-in">{t("signIn")}</a>
      </p>
    </div>
  );
}
