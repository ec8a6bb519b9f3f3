import { data } from "react-router";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: [] };

/**
 * Throws on purpose so the tests can see the friendly error page. Exists only when the server is
 * started with PORTAL_TEST_ROUTES=1 (the test harness does this); otherwise it is a plain 404.
 */
export function loader() {
  if (process.env.PORTAL_TEST_ROUTES !== "1") throw data(null, { status: 404 });
  throw new Error("A deliberate failure with a secret stack trace (test)");
}

export default function TestError() {
  return null;
}
