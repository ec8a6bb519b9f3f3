import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData, useLoaderData } from "react-router";
import { SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { changePasswordSchema } from "~/forms/account";
import { parseForm, fieldErrors } from "~/lib/forms.server";
import { clientAddressContext } from "~/lib/context";
import { passwordProblems } from "~/lib/password.server";
import { checkCurrentPassword, throttledMessage } from "~/models/sign-in.server";
import { replyWithErrors } from "~/lib/responses.server";
import { endAllSessions, requireUser } from "~/server/session.server";
import { audit } from "~/models/audit.server";
import { setPassword } from "~/models/users.server";
import type { Route } from "./+types/password";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["auth"] };

export async function loader({ request, context }: Route.LoaderArgs) {
  requireUser(context, request);
  return { changed: new URL(request.url).searchParams.has("changed") };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user, session } = requireUser(context, request);
  const form = await parseForm(request, changePasswordSchema);
  if (!form.ok) return replyWithErrors(form);
  const current = await checkCurrentPassword(user, form.data.current, context.get(clientAddressContext));
  if (!current.ok) {
    const message =
      current.reason === "throttled"
        ? throttledMessage(current.retryAfterSeconds)
        : "account:password.errors.currentWrong";
    return replyWithErrors(fieldErrors(form.values, { current: message }), current.reason === "throttled" ? 429 : 400);
  }
  const problems = passwordProblems(form.data.password, { email: user.email, name: user.name });
  if (problems.length > 0) return replyWithErrors(fieldErrors(form.values, { password: `auth:${problems[0]}` }));
  await setPassword(user.id, form.data.password);
  // Anyone else holding a session with the old password is signed out.
  await endAllSessions(user.id, "password-changed", session.idHash);
  await audit({ actorId: user.id, action: "change-password", result: "ok" });
  return redirect("/account/password?changed");
}

export default function ChangePassword() {
  const { t } = useTranslation(["account", "auth"]);
  const { changed } = useLoaderData<typeof loader>();
  const refusal = useActionData<typeof action>();
  const labels = { current: t("password.current"), password: t("password.new") };
  return (
    <div className="narrow">
      <PageTitle error={Boolean(refusal)}>{t("password.title")}</PageTitle>
      <h1>{t("password.title")}</h1>
      {changed && (
        <p className="confirmation" role="status">
          {t("password.changed")}
        </p>
      )}
      <ValidatedForm
        schema={() => import("~/forms/account").then((m) => m.changePasswordSchema)}
        values={refusal?.values}
        errors={refusal?.errors}
        labels={labels}
      >
        <TextField name="current" type="password" label={labels.current} autoComplete="current-password" />
        <TextField
          name="password"
          type="password"
          label={labels.password}
          hint={t("auth:fields.newPasswordHint")}
          autoComplete="new-password"
        />
        <SubmitButton>{t("password.submit")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}
