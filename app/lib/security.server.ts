import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createCookie, data, type MiddlewareFunction } from "react-router";
import { isProduction, publicUrl, sessionSecret } from "./config.server";
import { keptOrMade } from "./kept";
import { readSignedCookie } from "./signed-cookie.server";
import { csrfTokenContext, nonceContext, refusalContext, sessionCsrfSecretContext } from "./context";
import { randomToken } from "./tokens.server";

/** The form field and header that carry the CSRF token. */
export const CSRF_FIELD = "csrf";
export const CSRF_HEADER = "x-csrf-token";

// Double-submit token in a signed, httpOnly cookie. In production the __Host- prefix stops a
// sibling subdomain from planting one.
const csrfCookie = createCookie(isProduction() ? "__Host-csrf" : "csrf", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  secure: isProduction(),
  secrets: [sessionSecret()],
});

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** An answer a route marked as public text for browsers to keep (the translations): the one kind that may be. */
const keptByBrowsers = (response: Response) => (response.headers.get("Cache-Control") ?? "").startsWith("public,");

type Context = Parameters<MiddlewareFunction<Response>>[0]["context"];

const STATUS_TEXT = { 400: "Bad Request", 403: "Forbidden", 404: "Not Found" } as const;

function refuse(context: Context, reason: string, status: keyof typeof STATUS_TEXT = 403): never {
  context.set(refusalContext, reason);
  throw data({ reason }, { status, statusText: STATUS_TEXT[status] });
}

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * An address carrying NUL (`%00`, in its path or its query) names nothing the portal serves, and
 * PostgreSQL's text refuses the character: such a request is answered 404, as any address naming nothing
 * is (a malformed record id answers like a forbidden one), and audited, before any loader looks anything
 * up with it. Forms drop NUL from their values instead (lib/forms.server.ts).
 */
export const addressMiddleware: MiddlewareFunction<Response> = ({ request, context }, next) => {
  const url = new URL(request.url);
  if (/%00/i.test(url.pathname + url.search)) refuse(context, "address-has-nul", 404);
  return next();
};

/**
 * A mutation's body, if it has one, must be a form that can be read: anything else (JSON, a broken
 * multipart body) is answered 400 before CSRF checks or actions see it, never 500. The size was
 * already limited by the server (scripts/serve.mjs) before anything was read.
 */
export const formBodyMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  if (SAFE_METHODS.has(request.method) || request.body === null) return next();
  const length = request.headers.get("content-length");
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (length === "0" && type === "") return next();
  if (!FORM_TYPES.includes(type)) refuse(context, "body-not-a-form", 400);
  try {
    await request.clone().formData();
  } catch {
    refuse(context, "body-unreadable", 400);
  }
  return next();
};

/**
 * A mutation must come from the portal's own origin, judged against the configured public URL.
 * Also asked by the server (scripts/serve.mjs) before routing, so a cross-site post is refused with
 * the portal's own page and audited before the framework answers it by itself.
 */
export function ownOrigin(origin: string | null | undefined, secFetchSite: string | null | undefined): boolean {
  if (origin && origin !== "null") return origin === publicUrl().origin;
  // No Origin header (some older browsers on same-origin form posts), or "null" (a page sent with
  // Referrer-Policy: no-referrer, such as an invitation link's): fall back to Fetch Metadata, which the
  // browser sets itself. A sandboxed frame on another site also says "null", but never "same-origin".
  return secFetchSite === "same-origin";
}

function fromOwnOrigin(request: Request): boolean {
  return ownOrigin(request.headers.get("origin"), request.headers.get("sec-fetch-site"));
}

/**
 * Each page gets the token under a fresh random mask, so the bytes differ on every response: with
 * responses gzipped, a reflected guess cannot be used to recover the token (BREACH).
 */
export function maskToken(token: string): string {
  const raw = Buffer.from(token, "base64url");
  const pad = randomBytes(raw.length);
  const masked = Buffer.from(raw.map((byte, i) => byte ^ pad[i]!));
  return `${pad.toString("base64url")}.${masked.toString("base64url")}`;
}

export function unmaskToken(submitted: string): string {
  const [padText, maskedText] = submitted.split(".");
  if (!padText || !maskedText) return "";
  const pad = Buffer.from(padText, "base64url");
  const masked = Buffer.from(maskedText, "base64url");
  if (pad.length !== masked.length || pad.length === 0) return "";
  return Buffer.from(masked.map((byte, i) => byte ^ pad[i]!)).toString("base64url");
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

async function submittedToken(request: Request): Promise<string> {
  const header = request.headers.get(CSRF_HEADER);
  if (header) return header;
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
    try {
      const value = (await request.clone().formData()).get(CSRF_FIELD);
      return typeof value === "string" ? value : "";
    } catch {
      return "";
    }
  }
  return "";
}

/**
 * The CSRF token of a session: derived from the session's own secret (kept in the database) with the
 * server's secret, so it is bound to that session, new at every sign-in, and useless from a copy of
 * the database alone.
 */
export function sessionCsrfToken(sessionCsrfSecret: string): string {
  const secret = sessionSecret();
  // Worked out once a session (each signed-in page asks); emptied when full.
  return keptOrMade(
    csrfTokens,
    `${secret}\n${sessionCsrfSecret}`,
    () => createHmac("sha256", secret).update(`csrf:${sessionCsrfSecret}`, "utf8").digest("base64url"),
    CSRF_TOKENS_KEPT,
  );
}
const csrfTokens = new Map<string, string>();
const CSRF_TOKENS_KEPT = 10_000;

/**
 * Refuses cross-origin and token-less mutations before any action runs, and hands forms their token.
 * Signed in, the token is the session's (sessionCsrfToken); signed out, it is the anonymous
 * double-submit cookie's. The anonymous cookie is removed while a session lasts, so a token seen
 * before sign-in is refused after it and after sign-out alike (a new one is made then).
 */
export const csrfMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const existing = readSignedCookie(csrfCookie, request.headers.get("cookie"), sessionSecret());
  const bound = context.get(sessionCsrfSecretContext);
  const anonymous = typeof existing === "string" && existing.length >= 32 ? existing : null;
  const token = bound ? sessionCsrfToken(bound) : (anonymous ?? randomToken());
  if (!SAFE_METHODS.has(request.method)) {
    if (!fromOwnOrigin(request)) refuse(context, "cross-origin");
    const expected = bound ? token : (anonymous ?? "");
    if (!sameToken(unmaskToken(await submittedToken(request)), expected)) refuse(context, "csrf");
  }
  context.set(csrfTokenContext, maskToken(token));
  const response = await next();
  // Public text kept by browsers (the translations) carries no cookie: it is the same for everyone.
  if (keptByBrowsers(response)) return response;
  // Cleared only when there is one to clear: a client that keeps sending an emptied cookie is not told again.
  if (bound && existing !== null && existing !== "")
    response.headers.append("Set-Cookie", await csrfCookie.serialize("", { maxAge: 0 }));
  else if (!bound && token !== anonymous) response.headers.append("Set-Cookie", await csrfCookie.serialize(token));
  return response;
};

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Security headers on every response the app makes; the document gets a fresh CSP nonce. */
export const securityHeadersMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const nonce = randomToken(16);
  context.set(nonceContext, nonce);
  const response = await next();
  const h = response.headers;
  const isDocument = (h.get("content-type") ?? "").startsWith("text/html");
  h.set(
    "Content-Security-Policy",
    isDocument ? contentSecurityPolicy(nonce) : "default-src 'none'; frame-ancestors 'none'",
  );
  h.set("X-Content-Type-Options", "nosniff");
  // An invitation link carries its token in the address: that page sends no Referer at all, not even to us.
  h.set("Referrer-Policy", new URL(request.url).pathname.startsWith("/join/") ? "no-referrer" : "same-origin");
  h.set("X-Frame-Options", "DENY");
  h.set("Cross-Origin-Opener-Policy", "same-origin");
  h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  // Nothing the portal renders may be kept by a browser or proxy: it may be someone's health record. Public
  // text a route marks as such (the translations, app/routes/public/translations.ts) is the one exception.
  if (isDocument || !keptByBrowsers(response)) h.set("Cache-Control", "no-store");
  if (isProduction()) h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  return response;
};
