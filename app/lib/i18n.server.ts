import { createCookie } from "react-router";
import { createI18nextMiddleware } from "remix-i18next/middleware";
import { content } from "~/content/content.server";
import { DEFAULT_LANGUAGE, LANGUAGES, isLanguage, type Language } from "~/domain/localized";
import { isProduction } from "./config.server";

/** Remembers the language a person chose. Not a secret, so it need not be signed. */
export const languageCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: isProduction(),
  maxAge: 60 * 60 * 24 * 365,
});

const { locales, namespaces } = content();

export const [i18nextMiddleware, getLocale, getI18n] = createI18nextMiddleware({
  detection: {
    supportedLanguages: [...LANGUAGES],
    fallbackLanguage: DEFAULT_LANGUAGE,
    cookie: languageCookie,
    order: ["cookie", "header"],
  },
  i18next: {
    resources: locales,
    supportedLngs: [...LANGUAGES],
    fallbackLng: DEFAULT_LANGUAGE,
    ns: namespaces,
    defaultNS: "common",
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  },
});

export function languageOf(context: Parameters<typeof getLocale>[0]): Language {
  const lng = getLocale(context);
  return isLanguage(lng) ? lng : DEFAULT_LANGUAGE;
}
