import { useTranslation } from "~/lib/use-translation";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useMatches,
} from "react-router";
import type { Route } from "./+types/root";
import { SiteFooter, SiteHeader } from "~/components/layout";
import { SignedInNav } from "~/components/signed-in-nav";
import { RTL_LANGUAGES, isLanguage } from "~/domain/languages";
import { I18N_RESOURCES_ID } from "~/lib/i18n-shared";
import { useNonce } from "~/lib/nonce";
import { rootMiddleware, rootLoader } from "~/server/root.server";
import stylesheet from "~/styles/app.css?url";

export const middleware: Route.MiddlewareFunction[] = rootMiddleware;

export async function loader(args: Route.LoaderArgs) {
  return rootLoader(args);
}

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export function Layout({ children }: { children: React.ReactNode }) {
  const { i18n } = useTranslation();
  const nonce = useNonce();
  const lang = isLanguage(i18n.language) ? i18n.language : "en";
  const resources = pageResourcesJson(i18n.getDataByLanguage(lang) ?? {}, useMatches());
  return (
    <html lang={lang} dir={RTL_LANGUAGES.includes(lang) ? "rtl" : "ltr"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <SiteHeader>
          <SignedInNav />
        </SiteHeader>
        <div className="page">
          <main id="main-content" tabIndex={-1}>
            {children}
          </main>
        </div>
        <SiteFooter />
        <script type="application/json" id={I18N_RESOURCES_ID} dangerouslySetInnerHTML={{ __html: resources }} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

// Every page is a full document load (forms submit natively once checked), so a page's
// translations are all the browser needs: the shell's, plus those its routes name in `handle.i18n`.
// A route that names none gets every namespace, so forgetting can cost bytes but never words.
const SHELL_NAMESPACES = ["common", "account"];
// The translations never change while the server runs, so each language's text for a set of
// namespaces is written out once and reused (30 to 65 KB that would otherwise be serialised per page).
const written = new WeakMap<object, Map<string, string>>();
function pageResourcesJson(all: Record<string, unknown>, matches: ReturnType<typeof useMatches>): string {
  const named = matches.filter((m) => m.id !== "root").map((m) => (m.handle as { i18n?: string[] } | undefined)?.i18n);
  const wanted = named.some((ns) => ns === undefined)
    ? null
    : new Set([...SHELL_NAMESPACES, ...named.flat().filter((ns): ns is string => typeof ns === "string")]);
  const key = wanted ? [...wanted].sort().join(",") : "*";
  let byKey = written.get(all);
  if (!byKey) written.set(all, (byKey = new Map()));
  let json = byKey.get(key);
  if (json === undefined) {
    const resources = wanted ? Object.fromEntries(Object.entries(all).filter(([ns]) => wanted.has(ns))) : all;
    // JSON.stringify cannot close the script element once "<" is escaped.
    json = JSON.stringify(resources).replace(/</g, "\\u003c");
    byKey.set(key, json);
  }
  return json;
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const { t } = useTranslation();
  const location = useLocation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = status === 404 ? "notFound" : status === 403 ? "forbidden" : status === 400 ? "badRequest" : "problem";
  // Never show a stack trace: the error is logged on the server.
  return (
    <div className="narrow">
      <title>{`${t(`errorPage.${kind}.title`)} – ${t("service.name")}`}</title>
      <h1>{t(`errorPage.${kind}.title`)}</h1>
      <p>{t(`errorPage.${kind}.body`)}</p>
      <p>{t("errorPage.nothingLost")}</p>
      <ul className="list">
        <li>
          <a href="/">{t("errorPage.goHome")}</a>
        </li>
        <li>
          <a href="/help">{t("errorPage.getHelp")}</a>
        </li>
      </ul>
      <p className="hint">
        {t("errorPage.reference")} <code>{status}</code> {location.pathname.length < 100 ? location.pathname : ""}
      </p>
    </div>
  );
}
