import { data } from "react-router";

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
