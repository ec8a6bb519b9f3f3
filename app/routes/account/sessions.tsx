import { useTranslation } from "~/lib/use-translation";
import { Form, redirect } from "react-router";
import { CsrfInput } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { ScrollRegion } from "~/components/scroll-region";
import { isLanguage } from "~/domain/languages";
import { formatDateTime } from "~/lib/format";
import { endSessionSchema } from "~/forms/account";
import { parseForm } from "~/lib/forms.server";
import { replyWithErrors } from "~/lib/responses.server";
import { clearSessionCookie, endSession, openSessions, requireUser } from "~/server/session.server";
import { audit } from "~/models/audit.server";
import type { Route } from "./+types/sessions";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["auth"] };

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user, session } = requireUser(context, request);
  return {
    sessions: (await openSessions(user.id)).map((s) => ({
      id: s.idHash,
      started: s.createdAt,
      lastSeen: s.lastSeenAt,
      device: s.userAgent ?? "",
      current: s.idHash === session.idHash,
    })),
    ended: new URL(request.url).searchParams.has("ended"),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user, session } = requireUser(context, request);
  const form = await parseForm(request, endSessionSchema);
  if (!form.ok) return replyWithErrors(form);
  // Only the asker's own sessions can be ended from here.
  if (!(await openSessions(user.id)).some((s) => s.idHash === form.data.session))
    return replyWithErrors({ ok: false, errors: { _form: "common:errors.invalid" }, values: {} });
  await endSession(form.data.session, "ended-by-user");
  await audit({ actorId: user.id, action: "end-session", result: "ok" });
  if (form.data.session === session.idHash)
    return redirect("/signed-out", { headers: { "Set-Cookie": await clearSessionCookie() } });
  return redirect("/account/sessions?ended");
}

export default function Sessions({ loaderData: d }: Route.ComponentProps) {
  const { t, i18n } = useTranslation(["auth", "account"]);
  const when = (iso: string) => formatDateTime(iso, isLanguage(i18n.language) ? i18n.language : "en");
  return (
    <>
      <PageTitle>{t("sessions.title")}</PageTitle>
      <h1>{t("sessions.title")}</h1>
      {d.ended && (
        <p className="confirmation" role="status">
          {t("account:sessions.endedOne")}
        </p>
      )}
      <p>{t("account:sessions.intro")}</p>
      <ScrollRegion label={t("sessions.title")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("account:sessions.device")}</th>
              <th scope="col">{t("account:sessions.started")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("sessions.end")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {d.sessions.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.current ? <strong>{t("account:sessions.current")}</strong> : s.device}
                  <br />
                  <span className="hint">{t("sessions.lastActive", { when: when(s.lastSeen) })}</span>
                </td>
                <td>{when(s.started)}</td>
                <td>
                  <Form method="post" reloadDocument>
                    <CsrfInput />
                    <input type="hidden" name="session" value={s.id} />
                    <button type="submit" className="secondary">
                      {t("sessions.end")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}
