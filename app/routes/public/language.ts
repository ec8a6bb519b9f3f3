import { redirect } from "react-router";
import { isLanguage } from "~/domain/localized";
import { languageCookie } from "~/lib/i18n.server";
import { safeRedirect } from "~/lib/safe-redirect";
import type { Route } from "./+types/language";

/** The language switch: a plain link, so it works without JavaScript. The choice is kept in a cookie. */
export async function loader({ request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const lng = url.searchParams.get("lng");
  const to = safeRedirect(url.searchParams.get("returnTo"), "/");
  if (!isLanguage(lng)) return redirect(to);
  return redirect(to, { headers: { "Set-Cookie": await languageCookie.serialize(lng) } });
}
