import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData, useLoaderData } from "react-router";
import { SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { joinSchema } from "~/forms/account";
import { clientAddressContext } from "~/lib/context";
import { parseForm, fieldErrors } from "~/lib/forms.server";
import { passwordProblems } from "~/lib/password.server";
import { replyWithErrors } from "~/lib/responses.server";
import { endSession, signedContext, startSession } from "~/server/session.server";
import { audit } from "~/models/audit.server";
import { throttledCode } from "~/models/sign-in.server";
import { acceptStaffInvitation, openInvitation } from "~/models/staff.server";
import type { Route } from "./+types/join";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["auth", "staff"] };

/**
 * The page an emailed invitation link opens. Opening it changes nothing (a mail scanner or a
 * preview may open it first); the token is exchanged only by the form's POST. The page sends no
 * Referer (security headers), so the token does not leave in one.
 */
export async function loader({ params }: Route.LoaderArgs) {
  const invitation = await openInvitation(params.token);
  return { token: invitation ? params.token : "", kind: invitation?.kind ?? null, email: invitation?.email ?? null };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const form = await parseForm(request, joinSchema);
  if (!form.ok) return replyWithErrors(form);
  if (form.data.token !== params.token)
    return replyWithErrors(fieldErrors(form.values, { _form: "staff:join.errors.used" }));
  const problems = passwordProblems(form.data.password, { email: "", name: form.data.name });
  if (problems.length > 0) return replyWithErrors(fieldErrors(form.values, { password: `auth:${problems[0]}` }));
  // The token is a secret someone brings: guessing is slowed like a password.
  const found = await throttledCode(
    context.get(clientAddressContext),
    async () => await openInvitation(form.data.token),
  );
  if (found === "throttled")
    return replyWithErrors(fieldErrors(form.values, { _form: "auth:errors.tooManyAttemptsOneMinute" }), 429);
  if (!found) return replyWithErrors(fieldErrors(form.values, { _form: "staff:join.errors.used" }));
  const outcome = await acceptStaffInvitation(form.data.token, { name: form.data.name, password: form.data.password });
  if (outcome === "used") return replyWithErrors(fieldErrors(form.values, { _form: "staff:join.errors.used" }));
  if (outcome === "email-taken") {
    await audit({ actorId: null, action: "accept-staff-invitation", target: found.id, result: "refused" });
    return replyWithErrors(fieldErrors(form.values, { _form: "staff:join.errors.used" }));
  }
  const previous = context.get(signedContext);
  if (previous) await endSession(previous.session.idHash, "replaced");
  const cookie = await startSession(outcome.id, "enrolling-second-factor", request.headers.get("user-agent"));
  return redirect("/account/second-factor", { headers: { "Set-Cookie": cookie } });
}

export default function Join() {
  const { t } = useTranslation(["staff", "auth"]);
  const d = useLoaderData<typeof loader>();
  const refusal = useActionData<typeof action>();
  const labels = { name: t("auth:fields.name"), password: t("auth:fields.newPassword") };
  if (!d.token && !refusal) {
    return (
      <div className="narrow">
        <PageTitle>{t("join.title")}</PageTitle>
        <h1>{t("join.title")}</h1>
        <p>{t("join.errors.used")}</p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <PageTitle error={Boolean(refusal)}>{t("join.title")}</PageTitle>
      <h1>{t("join.title")}</h1>
      {d.kind && <p>{t("join.intro", { kind: t(`kinds.${d.kind}`), email: d.email })}</p>}
      <ValidatedForm
        schema={() => import("~/forms/account").then((m) => m.joinSchema)}
        values={refusal?.values}
        errors={refusal?.errors}
        labels={labels}
        hidden={{ token: d.token }}
      >
        <TextField name="name" label={labels.name} autoComplete="name" />
        <TextField
          name="password"
          type="password"
          label={labels.password}
          hint={t("auth:fields.newPasswordHint")}
          autoComplete="new-password"
        />
        <SubmitButton>{t("join.submit")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}
