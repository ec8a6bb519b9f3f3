// The production server: static files from build/client, everything else through React Router.
// Plain node:http, so the portal has no web framework of its own to keep patched.
import { createRequestListener } from "@react-router/node";
import compression from "compression";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const root = process.cwd();
const clientDir = path.join(root, "build", "client");
const TYPES = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};
const COMPRESSIBLE = new Set([".js", ".css", ".svg", ".json", ".txt"]);
const gzipCache = new Map();

/**
 * Security headers every answer carries, set before anything else runs, so that answers the
 * framework makes by itself (its 400 for a cross-origin action, a 404 for an asset) have them too.
 * Pages set their own (a nonce-based CSP) in app/lib/security.server.ts, which take precedence.
 */
function setBaselineHeaders(res) {
  res.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  res.setHeader("Cache-Control", "no-store");
  if (process.env.NODE_ENV === "production")
    res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

/**
 * The largest request body: every form fits in 256 KB. A designed upload has its own, larger limit,
 * from the app (UPLOAD_BODY_LIMITS in app/server/body-limits.server.ts), set once the build is loaded.
 */
const FORM_BODY_LIMIT = 256 * 1024;
let uploadLimits = [];
function bodyLimitFor(pathname) {
  return uploadLimits.find(([pattern]) => pattern.test(pathname))?.[1] ?? FORM_BODY_LIMIT;
}

/** Each refusal made before the portal reads anything: its audited reason and its page. */
const REFUSAL_PAGES = {
  400: {
    reason: "address-unreadable",
    title: "We could not read that address",
    text: "The address is not one this service can read. Check it, or start again from the start page.",
  },
  405: {
    reason: "method-not-answered",
    title: "We could not read that request",
    text: "Your browser asked in a way this service does not answer. Go back and try again.",
  },
  403: {
    reason: "cross-origin",
    title: "We could not do that",
    text: "This request did not come from a page of this service. Nothing was changed. Please go back, reload the page and try again.",
  },
  411: {
    reason: "body-length-unknown",
    title: "We could not read what was sent",
    text: "Your browser sent a form in a way we do not accept. Go back and try again; if it keeps happening, try another browser.",
  },
  413: {
    reason: "body-too-large",
    title: "That was too much to send at once",
    text: "Nothing was saved. Go back, make what you typed shorter (or split it into parts) and try again.",
  },
};

/** What a request whose handling failed gets (app/server/arrival-order.server.ts): no detail of the failure. */
const FAILED = {
  title: "Sorry, there is a problem with the service",
  text: "Please try again later.",
};

/** A small, plain page for an answer made outside the portal's pages (no script, no styles from outside). */
function plainPage({ title, text }) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>body{font:1.1875rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#0b0c0c}a{color:#1d70b8}</style></head><body><main><h1>${title}</h1><p>${text}</p><p><a href="/">Go to the start page</a> · <a href="/help">Get help now</a></p></main></body></html>`;
}

const FETCH_FORBIDDEN_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);

/**
 * The path of a request's address, or null when the address does not parse (`//[`), read with its Host as
 * the framework reads it (every Host header the request sent, joined: `Host: [` stopped the portal).
 */
function pathnameOf(req) {
  const hosts = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    if (req.rawHeaders[i].toLowerCase() === "host") hosts.push(req.rawHeaders[i + 1]);
  try {
    return new URL(req.url, `http://${hosts.length > 0 ? hosts.join(", ") : "localhost"}`).pathname;
  } catch {
    return null;
  }
}

/**
 * Refuses, before anything reads the body (`pathname`: the address as `pathnameOf` reads it): an address
 * or Host that does not parse (400) and a method the framework cannot make a request of (405), each of
 * which threw and stopped the whole portal; a post from another site (403, the portal's own origin rule),
 * a body too large (413) or of unknown length (411). A refused body is discarded as it arrives, never held.
 * Returns the refusal's status, or 0 when the request may go on.
 */
function refuseBeforeReading(req, res, pathname, ownOrigin) {
  const length = req.headers["content-length"];
  let status = 0;
  if (pathname === null) status = 400;
  // Methods the framework's Request refuses to be made with (it threw, unanswered).
  else if (FETCH_FORBIDDEN_METHODS.has(req.method)) status = 405;
  else if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return 0;
  else if (req.headers.origin && !ownOrigin(req.headers.origin, req.headers["sec-fetch-site"])) status = 403;
  else if (length === undefined) status = req.headers["transfer-encoding"] ? 411 : 0;
  else if (!/^\d+$/.test(length)) status = 411;
  else if (Number(length) > bodyLimitFor(pathname)) status = 413;
  if (status === 0) return 0;
  const body = plainPage(REFUSAL_PAGES[status]);
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
  req.resume();
  return status;
}

/** Serves a file from build/client if the address's path (as `pathnameOf` reads it) names one; returns false otherwise. */
function serveStatic(req, res, address) {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  let pathname;
  try {
    pathname = decodeURIComponent(address);
  } catch {
    return false;
  }
  if (pathname.includes("\0")) return false;
  const file = path.join(clientDir, pathname);
  if (!file.startsWith(clientDir + path.sep)) return false;
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) return false;
  const ext = path.extname(file);
  res.setHeader("Content-Type", TYPES[ext] ?? "application/octet-stream");
  // Fingerprinted build assets never change; anything else is checked hourly.
  res.setHeader(
    "Cache-Control",
    pathname.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "public, max-age=3600",
  );
  res.setHeader("Vary", "Accept-Encoding");
  if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
    let body = gzipCache.get(file);
    if (!body) gzipCache.set(file, (body = gzipSync(readFileSync(file))));
    res.setHeader("Content-Encoding", "gzip");
    res.setHeader("Content-Length", body.length);
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  }
  res.setHeader("Content-Length", stat.size);
  if (req.method === "HEAD") res.end();
  else createReadStream(file).pipe(res);
  return true;
}

/**
 * Loads the built portal, checks content and database (a bad content file throws here, before
 * anything listens), and starts listening. Resolves with the address and the demo sign-ins.
 */
export async function startServer({ port = Number(process.env.PORT ?? 3000), host } = {}) {
  const buildFile = path.join(root, "build", "server", "index.js");
  if (!existsSync(buildFile)) throw new Error("No build found: run `npm run build` first.");
  const build = await import(pathToFileURL(buildFile).href);
  const { prepare, clientAddressContext, clientAddress, auditRefusal, ownOrigin, UPLOAD_BODY_LIMITS, inArrivalOrder } =
    build.entry.module;
  uploadLimits = UPLOAD_BODY_LIMITS;
  const { RouterContextProvider } = await import("react-router");
  const trustedProxies = Number(process.env.TRUSTED_PROXIES ?? 0);

  const startup = await prepare();
  const handle = createRequestListener({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext(request, client) {
      const context = new RouterContextProvider();
      context.set(
        clientAddressContext,
        clientAddress(client.address, request.headers.get("x-forwarded-for"), trustedProxies),
      );
      return context;
    },
  });
  // Pages and data are gzipped on the way out (static files are served pre-compressed above).
  const compress = compression();
  const server = createServer(
    inArrivalOrder((req, res) => {
      setBaselineHeaders(res);
      // The address read once, for the refusals and the static files.
      const pathname = pathnameOf(req);
      const refused = refuseBeforeReading(req, res, pathname, ownOrigin);
      if (refused) {
        // Already answered: a line that cannot be written is logged, never left to stop the server.
        auditRefusal(REFUSAL_PAGES[refused].reason, {
          method: req.method,
          path: pathname ?? req.url.slice(0, 200),
          bytes: req.headers["content-length"] ?? null,
          address: clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustedProxies),
        }).catch((error) => console.error("A refused request could not be written to the audit trail.", error));
        return;
      }
      let served = false;
      try {
        served = serveStatic(req, res, pathname);
      } catch {
        served = false;
      }
      // Returned, so a failure in the framework's own handling is answered (app/server/arrival-order.server.ts).
      if (!served) return new Promise((done) => compress(req, res, () => done(handle(req, res))));
    }, plainPage(FAILED)),
  );
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const actualPort = server.address().port;
  // Origin checks compare against PUBLIC_URL; with a random port (tests) it is only known now.
  process.env.PUBLIC_URL ??= `http://localhost:${actualPort}`;
  const url = process.env.PUBLIC_URL;
  return { server, url, port: actualPort, ...startup };
}
