import { useTranslation } from "react-i18next";
import { redirect, useActionData } from "react-router";
import { SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { acceptInvitationSchema, invitationCodeSchema } from "~/forms/account";
import { parseForm, fieldErrors } from "~/lib/forms.server";
import { replyWithErrors } from "~/lib/responses.server";
import { currentUser } from "~/server/session.server";
import { acceptInvitation, findOpenInvitation } from "~/models/helpers.server";
import { audit } from "~/models/audit.server";
import type { Route } from "./+types/invitation";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["auth"] };

/** Whoever holds a valid code may see who sent it and as what; nothing else of the record. */
function describe(code: string) {
  const invitation = findOpenInvitation(code);
  return invitation ? { code, personName: invitation.personName, kind: invitation.kind } : null;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const code = new URL(request.url).searchParams.get("code")?.slice(0, 40) ?? "";
  const user = currentUser(context)?.user ?? null;
  return { code, invitation: code ? describe(code) : null, role: user?.role ?? null };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await parseForm(request, invitationCodeSchema.or(acceptInvitationSchema));
  if (!form.ok) return replyWithErrors(form);
  const invitation = describe(form.data.code);
  if (!invitation) {
    audit({ actorId: currentUser(context)?.user.id ?? null, action: "accept-invitation", result: "refused" });
    return replyWithErrors(fieldErrors(form.values, { code: "account:invitation.errors.notValid" }));
  }
  if (!("intent" in form.data)) return redirect(`/invitation?code=${encodeURIComponent(form.data.code)}`);
  const signed = currentUser(context);
  if (!signed) return redirect(`/invitation?code=${encodeURIComponent(form.data.code)}`);
  if (!acceptInvitation(form.data.code, signed.user))
    return replyWithErrors(fieldErrors(form.values, { code: "account:invitation.errors.notValid" }));
  return redirect("/home");
}

export default function Invitation({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("account");
  const refusal = useActionData<typeof action>();
  const inv = d.invitation;
  const kind = inv ? t(`helpers.kind.${inv.kind}`) : "";
  return (
    <div className="narrow">
      <PageTitle error={Boolean(refusal)}>{t("invitation.title")}</PageTitle>
      <h1>{t("invitation.title")}</h1>
      {!inv ? (
        <ValidatedForm
          schema={invitationCodeSchema}
          values={refusal?.values ?? (d.code ? { code: d.code } : {})}
          errors={refusal?.errors ?? (d.code ? { code: "account:invitation.errors.notValid" } : {})}
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
              <p>
                <a className="button" href={`/sign-up?invitation=${encodeURIComponent(inv.code)}`}>
                  {t("invitation.createAccount")}
                </a>
              </p>
              <p>
                <a href={`/sign-in?returnTo=${encodeURIComponent(`/invitation?code=${inv.code}`)}`}>
                  {t("auth:signIn.title")}
                </a>
              </p>
            </>
          ) : d.role !== inv.kind ? (
            <p className="warning">{t("invitation.wrongRole", { kind })}</p>
          ) : (
            <ValidatedForm
              schema={acceptInvitationSchema}
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
