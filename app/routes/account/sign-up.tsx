import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData, useLoaderData } from "react-router";
import { ChoiceField, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { content } from "~/content/content.server";
import { pick } from "~/domain/localized";
import { languageOf } from "~/lib/i18n.server";
import { PageTitle } from "~/components/page-title";
import { signUpSchema } from "~/forms/account";
import { parseForm, fieldErrors } from "~/lib/forms.server";
import { passwordProblems } from "~/lib/password.server";
import { replyWithErrors } from "~/lib/responses.server";
import { currentUser } from "~/server/session.server";
import { findOpenInvitation } from "~/models/helpers.server";
import { isTeam } from "~/models/teams.server";
import { requestSignUp } from "~/models/sign-up.server";
import { signUpCookie } from "./sign-up-cookie.server";
import { throttledCheck, throttledMessage } from "~/models/sign-in.server";
import { clientAddressContext } from "~/lib/context";
import { addressKey } from "~/lib/throttle";
import type { Route } from "./+types/sign-up";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["auth"] };

export async function loader({ context }: Route.LoaderArgs) {
  if (currentUser(context)) throw redirect("/home");
  const lang = languageOf(context);
  return {
    teams: content().teams.teams.map((t) => ({
      value: t.id,
      label: pick(t.name, lang),
      hint: pick(t.description, lang),
    })),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await parseForm(request, signUpSchema);
  if (!form.ok) return replyWithErrors(form);
  const { name, email, password, invitation: code, teamId } = form.data;
  if (teamId && !isTeam(teamId))
    return replyWithErrors(fieldErrors(form.values, { teamId: "common:errors.chooseOne" }));
  const problems = passwordProblems(password, { email, name });
  if (problems.length > 0) return replyWithErrors(fieldErrors(form.values, { password: `auth:${problems[0]}` }));
  // Helpers can only join through an invitation; everyone else who signs up is a person planning support.
  // An invitation code is a secret a person types: checked under the throttle, per address.
  const found: { invitation?: Awaited<ReturnType<typeof findOpenInvitation>> } = {};
  const check = code
    ? await throttledCheck([addressKey(context.get(clientAddressContext))], async () => {
        found.invitation = await findOpenInvitation(code);
        return found.invitation !== undefined;
      })
    : ({ ok: true } as const);
  if (!check.ok)
    return replyWithErrors(
      fieldErrors(form.values, {
        invitation:
          check.reason === "throttled"
            ? throttledMessage(check.retryAfterSeconds)
            : "account:invitation.errors.notValid",
      }),
      check.reason === "throttled" ? 429 : 400,
    );
  // The account is made once the code emailed to the address is typed: the same answer for a new
  // address and one that already has an account (its owner is emailed instead), so sign-up never says who uses the service.
  const token = await requestSignUp({
    name,
    email,
    password,
    role: found.invitation?.kind ?? "person",
    invitationId: found.invitation?.id ?? null,
    teamId: found.invitation ? null : (teamId ?? null),
  });
  return redirect("/sign-up/confirm", { headers: { "Set-Cookie": await signUpCookie.serialize(token) } });
}

export default function SignUp() {
  const { t } = useTranslation(["auth", "account"]);
  const { teams } = useLoaderData<typeof loader>();
  const refusal = useActionData<typeof action>();
  const labels = {
    name: t("fields.name"),
    email: t("fields.email"),
    password: t("fields.newPassword"),
    invitation: t("account:invitation.codeOnSignUp"),
    teamId: t("account:chooseTeam.signUpLegend"),
  };
  return (
    <div className="narrow">
      <PageTitle error={Boolean(refusal)}>{t("signUp.title")}</PageTitle>
      <h1>{t("signUp.title")}</h1>
      <ValidatedForm
        schema={() => import("~/forms/account").then((m) => m.signUpSchema)}
        values={refusal?.values}
        errors={refusal?.errors}
        labels={labels}
      >
        <TextField name="name" label={labels.name} autoComplete="name" />
        <TextField name="email" type="email" label={labels.email} autoComplete="email" />
        <TextField
          name="password"
          type="password"
          label={labels.password}
          hint={t("fields.newPasswordHint")}
          autoComplete="new-password"
        />
        <TextField
          name="invitation"
          label={labels.invitation}
          hint={t("account:invitation.codeHint")}
          autoComplete="off"
        />
        <ChoiceField
          name="teamId"
          legend={labels.teamId}
          hint={t("account:chooseTeam.signUpHint")}
          options={[...teams, { value: "none", label: t("account:chooseTeam.notSure") }]}
        />
        <SubmitButton>{t("signUp.submit")}</SubmitButton>
      </ValidatedForm>
      <p>
        {t("signUp.haveAccount")} <a href="/sign-in">{t("signUp.signInLink")}</a>
      </p>
    </div>
  );
}
