import type { LoaderFunctionArgs, MiddlewareFunction } from "react-router";
import { isAdministratorOf } from "~/domain/access";
import { unreadCount } from "~/models/notifications.server";
import { ownPersonId } from "./access.server";
import { clientAddressContext, csrfTokenContext, refusalContext } from "~/lib/context";
import { i18nextMiddleware, languageOf } from "~/lib/i18n.server";
import { translationsVersion } from "~/lib/page-translations.server";
import {
  addressMiddleware,
  csrfMiddleware,
  formBodyMiddleware,
  securityHeadersMiddleware,
} from "~/lib/security.server";
import { auditRefusal } from "~/models/audit.server";
import { IDLE_TIMEOUT_MS, currentUser, sessionMiddleware } from "./session.server";

/** Writes every refusal made by the middleware below (CSRF, origin, unreadable body) to the audit trail. */
const auditRefusalsMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const response = await next();
  const reason = context.get(refusalContext);
  if (reason)
    await auditRefusal(reason, {
      method: request.method,
      path: new URL(request.url).pathname,
      address: context.get(clientAddressContext),
    });
  return response;
};

/**
 * Runs on every request, in this order: headers wrap everything, refusals are audited, then
 * language, an address with no NUL, a readable body, who is asking (the session), and CSRF
 * (bound to that session).
 */
export const rootMiddleware: MiddlewareFunction<Response>[] = [
  securityHeadersMiddleware,
  auditRefusalsMiddleware,
  i18nextMiddleware,
  addressMiddleware,
  formBodyMiddleware,
  sessionMiddleware,
  csrfMiddleware,
];

export async function rootLoader({ context }: LoaderFunctionArgs) {
  const signed = currentUser(context);
  return {
    lang: languageOf(context),
    csrf: context.get(csrfTokenContext),
    idleTimeoutMs: IDLE_TIMEOUT_MS,
    translations: translationsVersion(),
    user: signed
      ? {
          name: signed.user.name,
          role: signed.user.role,
          ownRecord: signed.user.role === "person" ? ((await ownPersonId(signed.user)) ?? null) : null,
          canLink: isAdministratorOf(signed.user, signed.user.teamId),
          isLead: signed.user.role === "lead-professional",
          unread: await unreadCount(signed.user.id),
        }
      : null,
  };
}
