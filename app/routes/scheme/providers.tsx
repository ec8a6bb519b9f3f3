import { useTranslation } from "~/lib/use-translation";
import { PageTitle } from "~/components/page-title";
import { isAccredited } from "~/domain/menu";
import { formatDate, formatMoney } from "~/lib/format";
import { languageOf } from "~/lib/i18n.server";
import { providersInForce } from "~/models/menu.server";
import { todayInUk } from "~/models/rule-sets.server";
import { requireCommissioner } from "~/server/access.server";
import type { Route } from "./+types/providers";

export const handle = { i18n: ["scheme"] };

/** The accredited providers in force, with whether each accreditation still holds today. */
export async function loader({ request, context }: Route.LoaderArgs) {
  await requireCommissioner(context, request);
  const lang = languageOf(context);
  const today = todayInUk();
  return {
    providers: (await providersInForce()).providers.map((p) => ({
      id: p.id,
      name: p.name,
      treatment: p.treatment,
      body: p.accreditingBody,
      registrationNumber: p.registrationNumber,
      price: formatMoney(p.pricePerSessionPence, lang),
      expires: formatDate(p.accreditationExpires, lang),
      current: isAccredited(p, today),
    })),
    saved: new URL(request.url).searchParams.has("saved"),
  };
}

export default function Providers({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("scheme");
  return (
    <>
      <PageTitle>{t("providers.title")}</PageTitle>
      <p>
        <a href="/scheme/menu">{t("menu.title")}</a>
      </p>
      <h1>{t("providers.title")}</h1>
      {d.saved && (
        <p className="confirmation" role="status">
          {t("providers.saved")}
        </p>
      )}
      <p>{t("providers.intro")}</p>
      <p>
        <a href="/scheme/providers/new">{t("providers.add")}</a>
      </p>
      <div className="table-scroll">
        <table className="table" data-testid="providers">
          <thead>
            <tr>
              <th scope="col">{t("providers.name")}</th>
              <th scope="col">{t("providers.treatment")}</th>
              <th scope="col">{t("providers.registration")}</th>
              <th scope="col">{t("providers.price")}</th>
              <th scope="col">{t("providers.expires")}</th>
            </tr>
          </thead>
          <tbody>
            {d.providers.map((p) => (
              <tr key={p.id}>
                <td>
                  <a href={`/scheme/providers/${p.id}`}>
                    {p.name}
                    <span className="visually-hidden">{t("menu.changeSuffix")}</span>
                  </a>
                </td>
                <td>{p.treatment}</td>
                <td>
                  {p.body}: {p.registrationNumber}
                </td>
                <td>{p.price}</td>
                <td>
                  {p.expires} {!p.current && <span className="tag tag--warn">{t("providers.ended")}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
