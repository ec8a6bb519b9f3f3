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

/** Serves a file from build/client if the path names one; returns false otherwise. */
function serveStatic(req, res) {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, "http://x").pathname);
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
  res.setHeader("X-Content-Type-Options", "nosniff");
  // Fingerprinted build assets never change; anything else is checked hourly.
  res.setHeader(
    "Cache-Control",
    pathname.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "public, max-age=3600",
  );
  if (process.env.NODE_ENV === "production")
    res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
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
  const { prepare, clientAddressContext, clientAddress } = build.entry.module;
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
  const server = createServer((req, res) => {
    let served = false;
    try {
      served = serveStatic(req, res);
    } catch {
      served = false;
    }
    if (!served) compress(req, res, () => handle(req, res));
  });
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
