import { useTranslation } from "~/lib/use-translation";
import { data, redirect, useActionData } from "react-router";
import { SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { acceptInvitationSchema, invitationCodeSchema } from "~/forms/account";
import { parseForm, fieldErrors } from "~/lib/forms.server";
import { replyWithErrors } from "~/lib/responses.server";
import { currentUser } from "~/server/session.server";
import { acceptInvitation, findOpenInvitation } from "~/models/helpers.server";
import { audit } from "~/models/audit.server";
import { throttledCheck, throttledMessage } from "~/models/sign-in.server";
import { clientAddressContext } from "~/lib/context";
import { addressKey } from "~/lib/throttle";
import type { Route } from "./+types/invitation";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["auth"] };

/** Whoever holds a valid code may see who sent it and as what; nothing else of the record. */
async function describe(code: string) {
  const invitation = await findOpenInvitation(code);
  return invitation ? { code, personName: invitation.personName, kind: invitation.kind } : null;
}

// The code is a bearer secret: it is only ever typed or posted, never put in an address.
export async function loader({ context }: Route.LoaderArgs) {
  return { role: currentUser(context)?.user.role ?? null };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await parseForm(request, invitationCodeSchema.or(acceptInvitationSchema));
  if (!form.ok) return replyWithErrors(form);
  const found: { invitation: Awaited<ReturnType<typeof describe>> } = { invitation: null };
  const check = await throttledCheck([addressKey(context.get(clientAddressContext))], async () => {
    found.invitation = await describe(form.data.code);
    return found.invitation !== null;
  });
  const invitation = found.invitation;
  if (!check.ok || !invitation) {
    await audit({
      actorId: currentUser(context)?.user.id ?? null,
      action: "accept-invitation",
      result: "refused",
      detail: { throttled: !check.ok && check.reason === "throttled" },
    });
    const message =
      !check.ok && check.reason === "throttled"
        ? throttledMessage(check.retryAfterSeconds)
        : "account:invitation.errors.notValid";
    return replyWithErrors(
      fieldErrors(form.values, { code: message }),
      check.ok ? 400 : check.reason === "throttled" ? 429 : 400,
    );
  }
  const signed = currentUser(context);
  if (!("intent" in form.data) || !signed) return data({ invitation });
  if (!(await acceptInvitation({ code: form.data.code }, signed.user)))
    return replyWithErrors(fieldErrors(form.values, { code: "account:invitation.errors.notValid" }));
  return redirect("/home");
}

export default function Invitation({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("account");
  const answer = useActionData<typeof action>();
  const refusal = answer && "errors" in answer ? answer : undefined;
  const inv = answer && "invitation" in answer ? answer.invitation : null;
  const kind = inv ? t(`helpers.kind.${inv.kind}`) : "";
  return (
    <div className="narrow">
      <PageTitle error={Boolean(refusal)}>{t("invitation.title")}</PageTitle>
      <h1>{t("invitation.title")}</h1>
      {!inv ? (
        <ValidatedForm
          schema={() => import("~/forms/account").then((m) => m.invitationCodeSchema)}
          values={refusal?.values}
          errors={refusal?.errors}
          labels={{ code: t("invitation.code") }}
        >
          <TextField name="code" label={t("invitation.code")} hint={t("invitation.codeHint")} autoComplete="off" />
          <SubmitButton>{t("invitation.check")}</SubmitButton>
        </ValidatedForm>
      ) : (
        <>
          <p className="inset">{t("invitation.from", { name: inv.personName, kind })}</p>
          {d.role === null ? (
            <>
              <p>{t("invitation.signInFirst")}</p>
              <p>{t("invitation.typeAgain")}</p>
              <p>
                <a className="button" href="/sign-up">
                  {t("invitation.createAccount")}
                </a>
              </p>
              <p>
                <a href={`/sign-in?returnTo=${encodeURIComponent("/invitation")}`}>{t("auth:signIn.title")}</a>
              </p>
            </>
          ) : d.role !== inv.kind ? (
            <p className="warning">{t("invitation.wrongRole", { kind })}</p>
          ) : (
            <ValidatedForm
              schema={() => import("~/forms/account").then((m) => m.acceptInvitationSchema)}
              labels={{}}
              errors={refusal?.errors}
              hidden={{ code: inv.code, intent: "accept" }}
            >
              <SubmitButton>{t("invitation.accept")}</SubmitButton>
            </ValidatedForm>
          )}
        </>
      )}
    </div>
  );
}
