import { useTranslation } from "~/lib/use-translation";
import { useLocation } from "react-router";
import { LANGUAGES } from "~/domain/languages";

const LANGUAGE_NAMES: Record<(typeof LANGUAGES)[number], string> = { en: "English", ur: "اردو", pl: "Polski" };

/** Switching language is a plain link, so it works without JavaScript; the choice is kept in a cookie. */
function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const returnTo = location.pathname + location.search;
  return (
    <nav className="language-switch" aria-label={t("header.language")}>
      <ul>
        {LANGUAGES.map((lng) => (
          <li key={lng}>
            {lng === i18n.language ? (
              <span aria-current="true" lang={lng}>
                {LANGUAGE_NAMES[lng]}
              </span>
            ) : (
              <a href={`/language?lng=${lng}&returnTo=${encodeURIComponent(returnTo)}`} lang={lng} hrefLang={lng}>
                {LANGUAGE_NAMES[lng]}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function SiteHeader({ children }: { children?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main-content">
        {t("header.skipToContent")}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <a className="site-header__name" href="/">
            {t("service.name")}
          </a>
          <LanguageSwitch />
          <a className="urgent-help-link" href="/help">
            {t("header.getHelpNow")}
          </a>
        </div>
        {children}
      </header>
    </>
  );
}

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <ul className="inline-list">
          <li>
            <a href="/help">{t("footer.urgentHelp")}</a>
          </li>
          <li>
            <a href="/menu">{t("footer.menu")}</a>
          </li>
          <li>
            <a href="/help-outside-budget">{t("footer.helpOutsideBudget")}</a>
          </li>
          <li>
            <a href="/guides">{t("footer.guides")}</a>
          </li>
        </ul>
        <p className="hint">{t("footer.translationNote")}</p>
      </div>
    </footer>
  );
}
