import { useTranslation } from "~/lib/use-translation";
import { PageTitle } from "~/components/page-title";
import type { Route } from "./+types/signed-out";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["auth"] };

export function loader({ request }: Route.LoaderArgs) {
  return { idle: new URL(request.url).searchParams.get("reason") === "idle" };
}

export default function SignedOut({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation(["account", "auth"]);
  return (
    <div className="narrow">
      <PageTitle>{t("signedOut.title")}</PageTitle>
      <h1>{t("signedOut.title")}</h1>
      <p>{loaderData.idle ? t("signedOut.idle") : t("signedOut.body")}</p>
      <p>
        <a href="/sign-in">{t("auth:signOut.signInAgain")}</a>
      </p>
    </div>
  );
}
