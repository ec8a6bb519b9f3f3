import i18next from "i18next";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { HydratedRouter } from "react-router/dom";
import { I18N_RESOURCES_ID } from "~/lib/i18n-shared";

// The server puts this page's translations in a JSON block (not a script, so CSP is not involved).
const block = document.getElementById(I18N_RESOURCES_ID);
const resources = block?.textContent ? JSON.parse(block.textContent) : {};
const lng = document.documentElement.lang || "en";

void i18next.use(initReactI18next).init({
  lng,
  fallbackLng: "en",
  resources: { [lng]: resources },
  defaultNS: "common",
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
  // A key missing in the browser means a route forgot to name its namespace in handle.i18n: say so
  // loudly (the browser tests fail on console errors).
  saveMissing: true,
  missingKeyHandler: (_lngs, ns, key, _fallback, _update, options) => {
    if ((options as { defaultValue?: unknown } | undefined)?.defaultValue === undefined)
      console.error(`Missing translation ${ns}:${key}`);
  },
});

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <I18nextProvider i18n={i18next}>
        <HydratedRouter />
      </I18nextProvider>
    </StrictMode>,
  );
});
