import { Writable } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { ServerRouter, type EntryContext, type HandleErrorFunction, type RouterContextProvider } from "react-router";
import { nonceContext } from "~/lib/context";
import { getI18n } from "~/lib/i18n.server";
import { NonceProvider } from "~/lib/nonce";

export { clientAddressContext } from "~/lib/context";
export { clientAddress } from "~/lib/throttle";
export { prepare } from "~/server/startup.server";
export { auditRefusal } from "~/models/audit.server";
export { ownOrigin } from "~/lib/security.server";
export { UPLOAD_BODY_LIMITS } from "~/server/body-limits.server";
export { inArrivalOrder } from "~/server/arrival-order.server";

export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  if (request.method.toUpperCase() === "HEAD") {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders });
  }
  const nonce = loadContext.get(nonceContext);
  const i18n = getI18n(loadContext);

  return new Promise<Response>((resolve, reject) => {
    // Cleared once the page is out: a timer left to run would keep the whole render (its tree and
    // every chunk of the page) alive for six seconds after each request, hundreds of megabytes under load.
    const timeout = setTimeout(() => abort(), streamTimeout + 1000).unref();
    // Always wait for the whole page: people may be on screen readers or without JavaScript,
    // and a complete document is what they get.
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <ServerRouter context={matchedRoutesOnly(routerContext)} url={request.url} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          // The whole page is ready, so it goes out as one body: piped through a stream it was a write
          // (and, on the socket, a system call) per chunk of React's output, dozens on a long page.
          const chunks: Buffer[] = [];
          const page = new Writable({
            write(chunk: Buffer, _encoding, next) {
              chunks.push(chunk);
              next();
            },
            final(done) {
              const body = Buffer.concat(chunks);
              responseHeaders.set("Content-Type", "text/html; charset=utf-8");
              responseHeaders.set("Content-Length", String(body.byteLength));
              clearTimeout(timeout);
              resolve(new Response(body, { headers: responseHeaders, status: responseStatusCode }));
              done();
            },
          });
          pipe(page);
        },
        onShellError(error: unknown) {
          clearTimeout(timeout);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          console.error(error);
        },
      },
    );
  });
}

/**
 * The page's router context with only the routes it matched (root to page, or to the error boundary that
 * caught). React Router's ServerRouter builds a route object from every route in the manifest on each
 * request (about 150 here), converts them all again for its static router, and matches each ancestor path
 * of the address against every route to inline a manifest for the browser: together about a third of the
 * start page's time, and more the deeper the address. Nothing in a server render needs a route the page did
 * not match. The browser's inline manifest is then the matched routes; any other route is fetched when
 * first needed, as lazy route discovery does for every route not in it (docs/decisions: routes a render
 * builds).
 */
function matchedRoutesOnly(context: EntryContext): EntryContext {
  const routes: EntryContext["manifest"]["routes"] = {};
  for (const match of context.staticHandlerContext.matches)
    routes[match.route.id] = context.manifest.routes[match.route.id];
  // No precomputed branches: the ancestor paths are then matched against none, not against every route.
  return { ...context, manifest: { ...context.manifest, routes }, branches: [] };
}

/** Errors are logged on the server only; the person sees a friendly page with no stack trace. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  console.error(error);
};
