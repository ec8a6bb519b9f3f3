import { useTranslation } from "~/lib/use-translation";
import { redirect } from "react-router";
import { CsrfInput } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { clearSessionCookie, endSession, signedContext } from "~/server/session.server";
import { Form } from "react-router";
import { audit } from "~/models/audit.server";
import type { Route } from "./+types/sign-out";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["auth"] };

export async function action({ context }: Route.ActionArgs) {
  const signed = context.get(signedContext);
  if (signed) {
    await endSession(signed.session.idHash, "signed-out");
    await audit({ actorId: signed.user.id, action: "sign-out", result: "ok" });
  }
  return redirect("/signed-out", { headers: { "Set-Cookie": await clearSessionCookie() } });
}

/** Without JavaScript a link cannot POST, so GET shows a one-button page. */
export default function SignOut() {
  const { t } = useTranslation("auth");
  return (
    <div className="narrow">
      <PageTitle>{t("signOut.title")}</PageTitle>
      <h1>{t("signOut.title")}</h1>
      <Form method="post" reloadDocument>
        <CsrfInput />
        <button type="submit">{t("signOut.submit")}</button>
      </Form>
    </div>
  );
}
