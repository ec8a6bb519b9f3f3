import { useRouteLoaderData } from "react-router";
import type { rootLoader } from "~/server/root.server";

/** What the page shell's loader gives every page: the signed-in user, language, CSRF token, … */
export type RootData = Awaited<ReturnType<typeof rootLoader>>;

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<RootData>("root");
}
