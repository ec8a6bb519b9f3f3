import type { LoaderFunctionArgs, MiddlewareFunction } from "react-router";
import { csrfTokenContext } from "./context";
import { i18nextMiddleware, languageOf } from "./i18n.server";
import { csrfMiddleware, securityHeadersMiddleware } from "./security.server";

/** Runs on every request, in this order: headers wrap everything, then language, then CSRF. */
export const rootMiddleware: MiddlewareFunction<Response>[] = [securityHeadersMiddleware, i18nextMiddleware, csrfMiddleware];

export async function rootLoader({ context }: LoaderFunctionArgs) {
  return {
    lang: languageOf(context),
    csrf: context.get(csrfTokenContext),
  };
}
