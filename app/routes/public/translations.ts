import type { Route } from "./+types/translations";
import { translationsJson, translationsVersion } from "~/lib/page-translations.server";

/**
 * A page's translations for the browser (app/lib/i18n-shared.ts names the address), public text like
 * the scripts. Fetched once and kept: the address carries the translations' version, so a changed text
 * is a new address. An address of another version (a page served before a new release) gets today's
 * texts, not kept.
 */
export function loader({ params }: Route.LoaderArgs) {
  const json = translationsJson(params.lang, params.set.replace(/\.json$/, ""));
  if (json === null || !params.set.endsWith(".json")) return new Response("Not found", { status: 404 });
  return new Response(json, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control":
        params.version === translationsVersion() ? "public, max-age=31536000, immutable" : "public, no-cache",
    },
  });
}
