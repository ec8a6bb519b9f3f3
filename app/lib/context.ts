import { createContext } from "react-router";

/** Per-request values shared between the server, middleware, loaders and the document render. */
export const nonceContext = createContext<string>("");
/** The client's address as the server worked it out (X-Forwarded-For only behind a trusted proxy). */
export const clientAddressContext = createContext<string>("unknown");
/** The CSRF token this browser's forms must carry. */
export const csrfTokenContext = createContext<string>("");
/**
 * Why a request was refused before any route ran (CSRF, origin, unreadable body), for the audit
 * trail: the middleware that refuses sets it, app/server/root.server.ts writes it down.
 */
export const refusalContext = createContext<string | null>(null);
/**
 * The signed-in (or half signed-in) session's CSRF secret, set by the session middleware: forms
 * must then carry the token derived from it, not the anonymous one. Null when nobody is signed in.
 */
export const sessionCsrfSecretContext = createContext<string | null>(null);
