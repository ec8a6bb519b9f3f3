import { useTranslation } from "~/lib/use-translation";
import { data, redirect, useActionData } from "react-router";
import { SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { enrolSchema } from "~/forms/account";
import { errorWith } from "~/lib/form-messages";
import { parseForm, fieldErrors } from "~/lib/forms.server";
import { replyWithErrors } from "~/lib/responses.server";
import { totpUri } from "~/lib/totp.server";
import { endSession, signedContext } from "~/server/session.server";
import { checkSecondFactor } from "~/models/sign-in.server";
import { completeEnrolment } from "~/models/staff.server";
import type { Route } from "./+types/second-factor";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["auth", "staff"] };

/** Only a session that is enrolling (a new staff account, or one whose second factor was reset). */
function enrolling(context: Route.LoaderArgs["context"]) {
  const signed = context.get(signedContext);
  if (!signed || signed.session.stage !== "enrolling-second-factor" || !signed.user.totpPendingSecret)
    throw redirect("/sign-in");
  return { ...signed, secret: signed.user.totpPendingSecret };
}

/** The secret as the app would show it, in groups of four so it can be read and typed. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)!.join(" ");

export async function loader({ context }: Route.LoaderArgs) {
  const { user, secret } = enrolling(context);
  // Drawn here, on the server, as SVG: the secret never goes to another service.
  // Loaded when a professional enrols, not at start-up (start-up should not grow with features).
  const { default: QRCode } = await import("qrcode");
  const svg = await QRCode.toString(totpUri(secret, user.email, "Plan your support"), {
    type: "svg",
    errorCorrectionLevel: "M",
    margin: 2,
  });
  return { qr: svg, secret: grouped(secret) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const signed = enrolling(context);
  const form = await parseForm(request, enrolSchema);
  if (!form.ok) return replyWithErrors(form);
  const outcome = await checkSecondFactor(signed.user, form.data.code, "enrolling");
  if (!outcome.ok || outcome.step === undefined) {
    const message =
      !outcome.ok && outcome.reason === "throttled"
        ? errorWith("auth:errors.tooManyAttempts", { minutes: Math.ceil(outcome.retryAfterSeconds / 60) })
        : "auth:errors.codeWrong";
    return replyWithErrors(
      fieldErrors(form.values, { code: message }),
      !outcome.ok && outcome.reason === "throttled" ? 429 : 400,
    );
  }
  const codes = await completeEnrolment(signed.user.id, outcome.step);
  // Enrolment is done; the person signs in afresh with the password and the new second factor.
  await endSession(signed.session.idHash, "second-factor-enrolled");
  return data({ codes }, { headers: { "Cache-Control": "no-store" } });
}

export default function SecondFactorEnrolment({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation(["auth", "staff"]);
  const result = useActionData<typeof action>();
  if (result && "codes" in result) {
    return (
      <div className="narrow">
        <PageTitle>{t("staff:enrol.codesTitle")}</PageTitle>
        <h1>{t("staff:enrol.codesTitle")}</h1>
        <p>{t("staff:enrol.codesIntro")}</p>
        <ol className="list recovery-codes" data-testid="recovery-codes">
          {result.codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ol>
        <p>{t("staff:enrol.codesOnce")}</p>
        <p>
          <a className="button" href="/sign-in">
            {t("staff:enrol.signIn")}
          </a>
        </p>
      </div>
    );
  }
  const refusal = result && "errors" in result ? result : undefined;
  const labels = { code: t("fields.code") };
  return (
    <div className="narrow">
      <PageTitle error={Boolean(refusal)}>{t("secondFactor.setupTitle")}</PageTitle>
      <h1>{t("secondFactor.setupTitle")}</h1>
      <p>{t("secondFactor.setupIntro")}</p>
      <div
        className="qr-code"
        role="img"
        aria-label={t("staff:enrol.qrLabel")}
        // An SVG the server drew with the qrcode package from the secret below: no script, no outside request.
        dangerouslySetInnerHTML={{ __html: d.qr }}
      />
      <p>{t("secondFactor.manualKey")}</p>
      <p>
        <code data-testid="totp-secret">{d.secret}</code>
      </p>
      <ValidatedForm
        schema={() => import("~/forms/account").then((m) => m.enrolSchema)}
        values={refusal?.values}
        errors={refusal?.errors}
        labels={labels}
      >
        <TextField name="code" label={labels.code} autoComplete="one-time-code" inputMode="numeric" short />
        <SubmitButton>{t("secondFactor.submit")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}
