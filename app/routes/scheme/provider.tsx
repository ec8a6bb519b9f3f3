import { useTranslation } from "~/lib/use-translation";
import { data, redirect, useActionData } from "react-router";
import { DateField, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { checkProvider, newIdFrom } from "~/domain/menu-versions";
import { providerFormSchema } from "~/forms/menu";
import type { FormValues } from "~/lib/form-messages";
import { fieldErrors, parseForm } from "~/lib/forms.server";
import { replyWithErrors } from "~/lib/responses.server";
import { providersInForce, saveProvider } from "~/models/menu.server";
import { requireCommissioner } from "~/server/access.server";
import type { Route } from "./+types/provider";

export const handle = { i18n: ["scheme"] };

/** The provider being changed, or null for a new one ("new"); any other id answers 404. */
async function providerOr404(providerId: string) {
  if (providerId === "new") return null;
  const provider = (await providersInForce()).providers.find((p) => p.id === providerId);
  if (!provider) throw data(null, { status: 404 });
  return provider;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireCommissioner(context, request);
  const provider = await providerOr404(params.providerId);
  const values: FormValues = provider
    ? {
        name: provider.name,
        treatment: provider.treatment,
        accreditingBody: provider.accreditingBody,
        registrationNumber: provider.registrationNumber,
        price: (provider.pricePerSessionPence / 100).toFixed(2),
        area: provider.area,
        accreditationExpires: provider.accreditationExpires,
      }
    : {};
  return { providerId: provider?.id ?? null, name: provider?.name ?? null, values };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const user = await requireCommissioner(context, request);
  const provider = await providerOr404(params.providerId);
  const form = await parseForm(request, providerFormSchema);
  if (!form.ok) return replyWithErrors(form);
  const taken = new Set((await providersInForce()).providers.map((p) => p.id));
  const checked = checkProvider({
    id: provider?.id ?? newIdFrom(form.data.name, taken, "provider"),
    name: form.data.name,
    treatment: form.data.treatment,
    accreditingBody: form.data.accreditingBody,
    registrationNumber: form.data.registrationNumber,
    pricePerSessionPence: form.data.price,
    area: form.data.area,
    accreditationExpires: form.data.accreditationExpires,
    example: provider?.example ?? false,
  });
  if (!checked.success) return replyWithErrors(fieldErrors(form.values, { _form: "scheme:errors.providerInvalid" }));
  const saved = await saveProvider(checked.data, form.data.reason, user.id);
  if (!saved.ok) return replyWithErrors(fieldErrors(form.values, { _form: "scheme:errors.providerUnchanged" }));
  return redirect("/scheme/providers?saved");
}

export default function ProviderPage({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("scheme");
  const refusal = useActionData<typeof action>();
  const labels = {
    name: t("providerForm.name"),
    treatment: t("providerForm.treatment"),
    accreditingBody: t("providerForm.accreditingBody"),
    registrationNumber: t("providerForm.registrationNumber"),
    price: t("providerForm.price"),
    area: t("providerForm.area"),
    accreditationExpires: t("providerForm.expires"),
    reason: t("entryForm.reason"),
  };
  const heading = d.providerId ? t("providerForm.changeTitle", { name: d.name }) : t("providerForm.addTitle");
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{heading}</PageTitle>
      <p>
        <a href="/scheme/providers">{t("providers.title")}</a>
      </p>
      <h1>{heading}</h1>
      <ValidatedForm
        schema={() => import("~/forms/menu").then((m) => m.providerFormSchema)}
        values={refusal?.values ?? d.values}
        errors={refusal?.errors}
        labels={labels}
      >
        <TextField name="name" label={labels.name} />
        <TextField name="treatment" label={labels.treatment} hint={t("entryForm.treatmentHint")} />
        <TextField name="accreditingBody" label={labels.accreditingBody} />
        <TextField name="registrationNumber" label={labels.registrationNumber} />
        <TextField name="price" label={labels.price} hint={t("providerForm.priceHint")} inputMode="numeric" short />
        <TextField name="area" label={labels.area} />
        <DateField
          name="accreditationExpires"
          legend={labels.accreditationExpires}
          hint={t("providerForm.expiresHint")}
        />
        <TextField name="reason" label={labels.reason} hint={t("entryForm.reasonHint")} multiline />
        <SubmitButton>{t("providerForm.save")}</SubmitButton>
      </ValidatedForm>
    </>
  );
}
