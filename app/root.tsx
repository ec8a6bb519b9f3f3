import { useEffect } from "react";
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
import { I18N_RESOURCES_ID, pageNamespaces, translationsHref } from "~/lib/i18n-shared";
import { useNonce } from "~/lib/nonce";
import { restoreTypedBeforeHydration } from "~/lib/typed-before-hydration";
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
  const matches = useMatches();
  // The page's translations are fetched by the browser and kept (not written into every page, where
  // they were 20 to 50 KB of each): a page with no root data (an error) asks for today's, not kept.
  const version = (matches[0]?.data as { translations?: string } | undefined)?.translations ?? "current";
  const translations = translationsHref(
    lang,
    version,
    pageNamespaces(matches.filter((m) => m.id !== "root").map((m) => m.handle)),
  );
  return (
    <html lang={lang} dir={RTL_LANGUAGES.includes(lang) ? "rtl" : "ltr"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        <link rel="preload" href={translations} as="fetch" crossOrigin="anonymous" />
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
        <script
          type="application/json"
          id={I18N_RESOURCES_ID}
          dangerouslySetInnerHTML={{ __html: JSON.stringify({ href: translations }) }}
        />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  // After the page's own effects (the autosave listens by then): what was typed before hydration is
  // put back and announced.
  useEffect(() => restoreTypedBeforeHydration(), []);
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
