import { useRootData } from "~/components/root-data";

/** The CSRF token every form posts. Kept apart from the form library so every page need not load it. */
export function CsrfInput() {
  const root = useRootData();
  return <input type="hidden" name="csrf" value={root?.csrf ?? ""} />;
}
