import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData } from "react-router";
import { SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { confirmSignUpSchema } from "~/forms/account";
import { clientAddressContext } from "~/lib/context";
import { fieldErrors, parseForm } from "~/lib/forms.server";
import { replyWithErrors } from "~/lib/responses.server";
import { addressKey } from "~/lib/throttle";
import { audit } from "~/models/audit.server";
import { acceptInvitation } from "~/models/helpers.server";
import { throttledCheck, throttledMessage } from "~/models/sign-in.server";
import { codeConfirms, endSignUpRequest, findSignUpRequest } from "~/models/sign-up.server";
import { chooseTeam } from "~/models/teams.server";
import { createAccount } from "~/models/users.server";
import { currentUser, startSession } from "~/server/session.server";
import { signUpCookie, signUpToken } from "./sign-up-cookie.server";
import type { Route } from "./+types/sign-up-confirm";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["auth"] };

/** The sign-up this browser started, or back to the start (it expired, or was never started here). */
async function pending(request: Request, context: Route.LoaderArgs["context"]) {
  if (currentUser(context)) throw redirect("/home");
  const token = await signUpToken(request);
  const found = token ? await findSignUpRequest(token) : undefined;
  if (!found) throw redirect("/sign-up");
  return found;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const found = await pending(request, context);
  return { email: found.email };
}

export async function action({ request, context }: Route.ActionArgs) {
  const found = await pending(request, context);
  const form = await parseForm(request, confirmSignUpSchema);
  if (!form.ok) return replyWithErrors(form);
  // A code a person types: throttled per sign-up and per address, like every other secret.
  const check = await throttledCheck([`sign-up:${found.idHash}`, addressKey(context.get(clientAddressContext))], () =>
    codeConfirms(found, form.data.code),
  );
  if (!check.ok)
    return replyWithErrors(
      fieldErrors(form.values, {
        code: check.reason === "throttled" ? throttledMessage(check.retryAfterSeconds) : "auth:signUpConfirm.codeWrong",
      }),
      check.reason === "throttled" ? 429 : 400,
    );
  // Used once: a second tab with the same code gets the start page.
  if (!(await endSignUpRequest(found))) throw redirect("/sign-up");
  const created = await createAccount({
    name: found.name,
    email: found.email,
    password: { hash: found.passwordHash },
    role: found.role,
  });
  // Someone made an account for this address since (they proved they own it, so saying so tells nothing new).
  if (!created) return replyWithErrors(fieldErrors(form.values, { code: "auth:errors.emailTaken" }));
  await audit({ actorId: created.user.id, personId: created.personId, action: "sign-up", result: "ok", detail: {} });
  if (found.invitationId) await acceptInvitation({ id: found.invitationId }, created.user);
  // A person becomes known to a team only by their own act: choosing it when signing up, or later from their record.
  else if (found.teamId && created.personId)
    await chooseTeam(created.personId, found.teamId, created.user.id, "sign-up");
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(created.user.id, "signed-in", request.headers.get("user-agent")));
  headers.append("Set-Cookie", await signUpCookie.serialize("", { maxAge: 0 }));
  return redirect("/home", { headers });
}

export default function ConfirmSignUp({ loaderData: { email } }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const refusal = useActionData<typeof action>();
  const labels = { code: t("signUpConfirm.code") };
  return (
    <div className="narrow">
      <PageTitle error={Boolean(refusal)}>{t("signUpConfirm.title")}</PageTitle>
      <h1>{t("signUpConfirm.title")}</h1>
      <p>
        {t("signUpConfirm.sent")} <bdi>{email}</bdi>
      </p>
      <p>{t("signUpConfirm.intro")}</p>
      <ValidatedForm
        schema={() => import("~/forms/account").then((m) => m.confirmSignUpSchema)}
        values={refusal?.values}
        errors={refusal?.errors}
        labels={labels}
      >
        <TextField
          name="code"
          label={labels.code}
          hint={t("signUpConfirm.codeHint")}
          autoComplete="one-time-code"
          short
        />
        <SubmitButton>{t("signUpConfirm.submit")}</SubmitButton>
      </ValidatedForm>
      <p>
        {t("signUpConfirm.noEmail")} <a href="/sign-up">{t("signUpConfirm.startAgain")}</a>
      </p>
    </div>
  );
}
