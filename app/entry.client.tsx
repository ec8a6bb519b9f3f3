import i18next, { type ResourceLanguage } from "i18next";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { HydratedRouter } from "react-router/dom";
import { I18N_RESOURCES_ID } from "~/lib/i18n-shared";
import { noteTypedBeforeHydration } from "~/lib/typed-before-hydration";

// The server names where this page's translations are (a JSON block, not a script, so CSP is not
// involved); the page is hydrated once they are here. Should they not come, the page stays as served,
// which works without JavaScript.
const block = document.getElementById(I18N_RESOURCES_ID);
const href = block?.textContent ? (JSON.parse(block.textContent) as { href?: string }).href : undefined;
const lng = document.documentElement.lang || "en";

async function translations(): Promise<ResourceLanguage | null> {
  if (!href) return {};
  try {
    const response = await fetch(href);
    return response.ok ? ((await response.json()) as ResourceLanguage) : null;
  } catch {
    return null;
  }
}

void translations().then((resources) => {
  if (resources === null) return;
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

  noteTypedBeforeHydration();
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
});
