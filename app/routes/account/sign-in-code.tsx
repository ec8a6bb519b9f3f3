import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData, useLoaderData } from "react-router";
import { SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { codeSchema, recoveryCodeSchema } from "~/forms/account";
import { errorWith } from "~/lib/form-messages";
import { parseFormValues, fieldErrors } from "~/lib/forms.server";
import { replyWithErrors } from "~/lib/responses.server";
import { safeRedirect } from "~/lib/safe-redirect";
import { endSession, signedContext, startSession } from "~/server/session.server";
import { checkSecondFactor } from "~/models/sign-in.server";
import type { Route } from "./+types/sign-in-code";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["auth", "staff"] };

function awaiting(context: Route.LoaderArgs["context"]) {
  const signed = context.get(signedContext);
  if (!signed || signed.session.stage !== "awaiting-second-factor") throw redirect("/sign-in");
  return signed;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  awaiting(context);
  return { returnTo: safeRedirect(new URL(request.url).searchParams.get("returnTo"), "/home") };
}

export async function action({ request, context }: Route.ActionArgs) {
  const signed = awaiting(context);
  const formData = await request.formData();
  // A recovery code (the authenticator is lost) or the 6-digit code: both single-use, both throttled.
  const recovery = formData.has("recovery");
  const form = recovery ? parseFormValues(formData, recoveryCodeSchema) : parseFormValues(formData, codeSchema);
  if (!form.ok) return replyWithErrors(form);
  const given = "recovery" in form.data ? form.data.recovery : form.data.code;
  const outcome = await checkSecondFactor(signed.user, given, recovery ? "recovery" : "code");
  if (!outcome.ok) {
    const message =
      outcome.reason === "throttled"
        ? errorWith("auth:errors.tooManyAttempts", { minutes: Math.ceil(outcome.retryAfterSeconds / 60) })
        : recovery
          ? "staff:recovery.wrong"
          : "auth:errors.codeWrong";
    return replyWithErrors(
      fieldErrors(form.values, { [recovery ? "recovery" : "code"]: message }),
      outcome.reason === "throttled" ? 429 : 400,
    );
  }
  // A fresh session id once fully signed in.
  await endSession(signed.session.idHash, "second-factor-done");
  const cookie = await startSession(signed.user.id, "signed-in", request.headers.get("user-agent"));
  return redirect(safeRedirect(form.data.returnTo, "/home"), { headers: { "Set-Cookie": cookie } });
}

export default function SecondFactor() {
  const { t } = useTranslation("auth");
  const { returnTo } = useLoaderData<typeof loader>();
  const refusal = useActionData<typeof action>();
  const labels = { code: t("fields.code") };
  const recoveryLabels = { recovery: t("staff:recovery.label") };
  const isRecovery = Boolean(refusal?.values && "recovery" in refusal.values);
  return (
    <div className="narrow">
      <PageTitle error={Boolean(refusal)}>{t("secondFactor.title")}</PageTitle>
      <h1>{t("secondFactor.title")}</h1>
      <p>{t("secondFactor.intro")}</p>
      <ValidatedForm
        schema={() => import("~/forms/account").then((m) => m.codeSchema)}
        values={isRecovery ? undefined : refusal?.values}
        hidden={{ returnTo }}
        errors={isRecovery ? undefined : refusal?.errors}
        labels={labels}
      >
        <TextField name="code" label={labels.code} autoComplete="one-time-code" inputMode="numeric" short />
        <SubmitButton>{t("secondFactor.submit")}</SubmitButton>
      </ValidatedForm>
      <details open={isRecovery}>
        <summary>{t("staff:recovery.summary")}</summary>
        <p>{t("staff:recovery.intro")}</p>
        <ValidatedForm
          schema={() => import("~/forms/account").then((m) => m.recoveryCodeSchema)}
          values={isRecovery ? refusal?.values : undefined}
          hidden={{ returnTo }}
          errors={isRecovery ? refusal?.errors : undefined}
          labels={recoveryLabels}
        >
          <TextField name="recovery" label={recoveryLabels.recovery} autoComplete="off" short />
          <SubmitButton>{t("secondFactor.submit")}</SubmitButton>
        </ValidatedForm>
      </details>
    </div>
  );
}
