import { data } from "react-router";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: [] };

// Any address the portal does not know: a friendly 404 inside the usual layout, with the usual
// headers (a matched route means the root middleware runs).
export function loader() {
  throw data(null, { status: 404 });
}

export function action() {
  throw data(null, { status: 404 });
}

export default function NotFound() {
  return null;
}
