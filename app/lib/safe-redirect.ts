/*
 * Where to send someone after signing in (a `?redirectTo=` value). Only paths on this site are
 * allowed, so a link like /sign-in?redirectTo=https://evil.example cannot send a person who has
 * just signed in to a look-alike site. Used on the server and in the browser: no Node imports.
 */

const BASE = "http://safe-redirect.invalid";
const MAX_LENGTH = 2048;
// Whitespace (any, including Unicode), control characters and backslashes. Browsers strip tabs and
// newlines from URLs and treat "\" as "/", so "/\t/evil" and "/\evil" would become "//evil".
const FORBIDDEN = /[\s\p{Cc}\\]/u;

/** Decodes percent-escapes repeatedly (for double-encoding); null if the escapes are broken. */
function fullyDecoded(value: string): string | null {
  let current = value;
  for (let i = 0; i < 5; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return null; // still changing after 5 rounds: not a path a person meant
}

function isSafePath(value: string): boolean {
  if (value.length === 0 || value.length > MAX_LENGTH) return false;
  if (value[0] !== "/" || value[1] === "/" || FORBIDDEN.test(value)) return false;
  // "/%2F/evil", "/%5Cevil" and "/%09/evil" decode to "//evil", "/\evil" and "/\t/evil": if some
  // layer decodes the value before a browser reads it, it must still not start like that.
  const decoded = fullyDecoded(value);
  if (decoded === null) return false;
  const head = decoded.replace(/[\s\p{Cc}]/gu, "");
  if (head[1] === "/" || head[1] === "\\") return false;
  // Last check: a URL parser must agree it stays on this origin and that the path is not "//..."
  // (which "/.//evil" would become after dot-segment removal).
  try {
    const url = new URL(value, BASE);
    return url.origin === BASE && !url.pathname.startsWith("//");
  } catch {
    return false;
  }
}

/** `target` if it is a same-site path like "/money/budget?week=2", otherwise `fallback`. */
export function safeRedirect(target: unknown, fallback = "/"): string {
  return typeof target === "string" && isSafePath(target) ? target : fallback;
}
