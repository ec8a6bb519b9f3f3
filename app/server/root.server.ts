import type { LoaderFunctionArgs, MiddlewareFunction } from "react-router";
import { isAdministratorOf } from "~/domain/access";
import { unreadCount } from "~/models/notifications.server";
import { ownPersonId } from "./access.server";
import { csrfTokenContext } from "~/lib/context";
import { i18nextMiddleware, languageOf } from "~/lib/i18n.server";
import { csrfMiddleware, securityHeadersMiddleware } from "~/lib/security.server";
import { IDLE_TIMEOUT_MS, currentUser, sessionMiddleware } from "./session.server";

/** Runs on every request, in this order: headers wrap everything, then language, CSRF, who is asking. */
export const rootMiddleware: MiddlewareFunction<Response>[] = [
  securityHeadersMiddleware,
  i18nextMiddleware,
  csrfMiddleware,
  sessionMiddleware,
];

export async function rootLoader({ context }: LoaderFunctionArgs) {
  const signed = currentUser(context);
  return {
    lang: languageOf(context),
    csrf: context.get(csrfTokenContext),
    idleTimeoutMs: IDLE_TIMEOUT_MS,
    user: signed
      ? {
          name: signed.user.name,
          role: signed.user.role,
          ownRecord: signed.user.role === "person" ? (ownPersonId(signed.user) ?? null) : null,
          canLink: isAdministratorOf(signed.user, signed.user.teamId),
          isLead: signed.user.role === "lead-professional",
          unread: unreadCount(signed.user.id),
        }
      : null,
  };
}
