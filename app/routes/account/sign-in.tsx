import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData, useLoaderData } from "react-router";
import { PageTitle } from "~/components/page-title";
import { SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { signInSchema } from "~/forms/account";
import { clientAddressContext } from "~/lib/context";
import { parseForm, fieldErrors } from "~/lib/forms.server";
import { replyWithErrors } from "~/lib/responses.server";
import { safeRedirect } from "~/lib/safe-redirect";
import { currentUser, signedContext, startSession, endSession } from "~/server/session.server";
import { checkSignIn, throttledMessage } from "~/models/sign-in.server";
import { startEnrolment } from "~/models/staff.server";
import { SECOND_FACTOR_ROLES } from "~/models/users.server";
import type { Route } from "./+types/sign-in";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["auth"] };

export async function loader({ request, context }: Route.LoaderArgs) {
  const returnTo = safeRedirect(new URL(request.url).searchParams.get("returnTo"), "/home");
  if (currentUser(context)) throw redirect(returnTo);
  return { returnTo };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await parseForm(request, signInSchema);
  if (!form.ok) return replyWithErrors(form);
  const outcome = await checkSignIn(form.data.email, form.data.password, context.get(clientAddressContext));
  if (!outcome.ok) {
    const message =
      outcome.reason === "throttled" ? throttledMessage(outcome.retryAfterSeconds) : "auth:errors.signInFailed";
    return replyWithErrors(fieldErrors(form.values, { email: message }), outcome.reason === "throttled" ? 429 : 400);
  }
  // Whatever session this browser had ends; the new one has a new id (no fixation).
  const previous = context.get(signedContext);
  if (previous) await endSession(previous.session.idHash, "replaced");
  const needsCode = SECOND_FACTOR_ROLES.includes(outcome.user.role);
  if (needsCode && !outcome.user.totpSecret) {
    // No second factor yet (or an administrator reset it): enrol one before anything else.
    await startEnrolment(outcome.user.id);
    const cookie = await startSession(outcome.user.id, "enrolling-second-factor", request.headers.get("user-agent"));
    return redirect("/account/second-factor", { headers: { "Set-Cookie": cookie } });
  }
  const cookie = await startSession(
    outcome.user.id,
    needsCode ? "awaiting-second-factor" : "signed-in",
    request.headers.get("user-agent"),
  );
  const returnTo = safeRedirect(form.data.returnTo, "/home");
  return redirect(needsCode ? `/sign-in/code?returnTo=${encodeURIComponent(returnTo)}` : returnTo, {
    headers: { "Set-Cookie": cookie },
  });
}

export default function SignIn() {
  const { t } = useTranslation("auth");
  const { returnTo } = useLoaderData<typeof loader>();
  const refusal = useActionData<typeof action>();
  const labels = { email: t("fields.email"), password: t("fields.password") };
  return (
    <div className="narrow">
      <PageTitle error={Boolean(refusal)}>{t("signIn.title")}</PageTitle>
      <h1>{t("signIn.title")}</h1>
      <ValidatedForm
        schema={() => import("~/forms/account").then((m) => m.signInSchema)}
        values={refusal?.values}
        hidden={{ returnTo }}
        errors={refusal?.errors}
        labels={labels}
      >
        <TextField name="email" type="email" label={labels.email} autoComplete="username" />
        <TextField name="password" type="password" label={labels.password} autoComplete="current-password" />
        <SubmitButton>{t("signIn.submit")}</SubmitButton>
      </ValidatedForm>
      <p>
        {t("signIn.noAccount")} <a href="/sign-up">{t("signIn.createAccountLink")}</a>
      </p>
    </div>
  );
}
