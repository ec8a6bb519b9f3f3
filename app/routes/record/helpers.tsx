import { useTranslation } from "~/lib/use-translation";
import { Form, data, redirect, useActionData } from "react-router";
import { ChoiceField, CsrfInput, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { authoritySchema, cancelInvitationSchema, inviteSchema, removeHelperSchema } from "~/forms/account";
import { ACTING_FOR_TYPES } from "~/domain/roles";
import { requireRecordAccess } from "~/server/access.server";
import { parseFormValues } from "~/lib/forms.server";
import { replyWithErrors } from "~/lib/responses.server";
import {
  cancelInvitation,
  createInvitation,
  currentHelpers,
  openInvitations,
  helperName,
  recordAuthority,
  removeHelper,
} from "~/models/helpers.server";
import type { Route } from "./+types/helpers";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: [] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "manage-helpers");
  const url = new URL(request.url);
  return {
    personId: access.person.id,
    helpers: (await currentHelpers(access.person.id)).map(
      ({ id, name, kind, authority, actingForType, actingForReference }) => ({
        id,
        name,
        kind,
        authority,
        actingForType,
        actingForReference,
      }),
    ),
    invitations: await openInvitations(access.person.id),
    done: url.searchParams.get("done"),
    // The confirmation names the helper from the record, by id: no name travels in the address.
    doneName: (await helperName(access.person.id, url.searchParams.get("helper")?.slice(0, 40) ?? "")) ?? "",
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "manage-helpers");
  const formData = await request.formData();
  const personId = access.person.id;
  const back = (done: string, helperId = "") =>
    redirect(`/people/${personId}/helpers?done=${done}${helperId ? `&helper=${helperId}` : ""}`);
  switch (formData.get("intent")) {
    case "invite": {
      const form = parseFormValues(formData, inviteSchema);
      if (!form.ok) return replyWithErrors(form);
      const invitation = await createInvitation(personId, form.data.kind, access.actor);
      // The code is shown once, now, and is never stored in clear.
      return data({ ok: true as const, invitation: { ...invitation, kind: form.data.kind } });
    }
    case "authority": {
      const form = parseFormValues(formData, authoritySchema);
      if (!form.ok) return replyWithErrors(form);
      const { helperId, authority, actingForType, actingForReference } = form.data;
      const name = (await currentHelpers(personId)).find((h) => h.id === helperId)?.name;
      if (
        !name ||
        !(await recordAuthority(
          personId,
          helperId,
          authority,
          { type: actingForType, reference: actingForReference },
          access.actor,
        ))
      ) {
        throw data(null, { status: 404 });
      }
      return back("authority", helperId);
    }
    case "remove": {
      const form = parseFormValues(formData, removeHelperSchema);
      if (!form.ok) return replyWithErrors(form);
      const removed = await removeHelper(personId, form.data.helperId, access.actor);
      if (!removed) throw data(null, { status: 404 });
      return back("removed", form.data.helperId);
    }
    case "cancel": {
      const form = parseFormValues(formData, cancelInvitationSchema);
      if (!form.ok) return replyWithErrors(form);
      await cancelInvitation(personId, form.data.invitationId, access.actor);
      return back("cancelled");
    }
    default:
      return replyWithErrors({ ok: false, errors: { _form: "common:errors.unknownField" }, values: {} });
  }
}

export default function Helpers({ loaderData: d }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("account");
  const result = useActionData<typeof action>();
  const made = result && "invitation" in result ? result.invitation : null;
  const refusal = result && !("invitation" in result) ? result : null;
  const date = (iso: string) =>
    new Date(iso).toLocaleDateString(i18n.language, { day: "numeric", month: "long", year: "numeric" });
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("helpers.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}`}>{t("common:form.back")}</a>
      </p>
      <h1>{t("helpers.title")}</h1>
      {d.done === "removed" && (
        <p className="confirmation" role="status">
          {t("helpers.removed", { name: d.doneName })}
        </p>
      )}
      {d.done === "authority" && (
        <p className="confirmation" role="status">
          {t("helpers.authoritySaved", { name: d.doneName })}
        </p>
      )}
      {made && (
        <div className="confirmation" role="status">
          <h2>{t("helpers.invitationMade")}</h2>
          <p>{t("helpers.invitationCode", { date: date(made.expiresAt) })}</p>
          <p className="figure" data-testid="invitation-code">
            {made.code}
          </p>
          <p>{t("helpers.invitationLink")}</p>
          <p>
            <code>{`/invitation?code=${made.code}`}</code>
          </p>
        </div>
      )}
      <p>{t("helpers.intro")}</p>
      {d.helpers.length === 0 ? (
        <p>{t("helpers.none")}</p>
      ) : (
        d.helpers.map((h) => (
          <section key={h.id} className="panel" aria-labelledby={`helper-${h.id}`}>
            <h2 id={`helper-${h.id}`}>{h.name}</h2>
            <p>
              {t(`helpers.kind.${h.kind}`)}
              {h.kind === "representative" && (
                <>
                  {" · "}
                  {h.authority ? t(`authority.${h.authority}`) : <strong>{t("helpers.waitingAuthority")}</strong>}
                  {h.actingForType && ` · ${t(`authority.types.${h.actingForType}`)} (${h.actingForReference})`}
                </>
              )}
            </p>
            {h.kind === "representative" && (
              <ValidatedForm
                schema={() => import("~/forms/account").then((m) => m.authoritySchema)}
                labels={{
                  authority: t("helpers.authorityLegend", { name: h.name }),
                  actingForType: t("helpers.actingForType"),
                  actingForReference: t("helpers.actingForReference"),
                }}
                values={
                  refusal && refusal.values.helperId === h.id
                    ? refusal.values
                    : {
                        authority: h.authority ?? "",
                        actingForType: h.actingForType ?? "",
                        actingForReference: h.actingForReference ?? "",
                      }
                }
                errors={refusal && refusal.values.helperId === h.id ? refusal.errors : undefined}
                id={`authority-${h.id}`}
                hidden={{ intent: "authority", helperId: h.id }}
              >
                <ChoiceField
                  name="authority"
                  legend={t("helpers.authorityLegend", { name: h.name })}
                  options={(["supporting", "acting-for"] as const).map((a) => ({
                    value: a,
                    label: t(`authority.${a}`),
                  }))}
                />
                <ChoiceField
                  name="actingForType"
                  legend={t("helpers.actingForType")}
                  options={ACTING_FOR_TYPES.map((type) => ({ value: type, label: t(`authority.types.${type}`) }))}
                />
                <TextField name="actingForReference" label={t("helpers.actingForReference")} />
                <SubmitButton>{t("helpers.saveAuthority")}</SubmitButton>
              </ValidatedForm>
            )}
            <Form method="post" reloadDocument>
              <CsrfInput />
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="helperId" value={h.id} />
              <button type="submit" className="warning">
                {t("helpers.remove", { name: h.name })}
              </button>
            </Form>
          </section>
        ))
      )}
      {d.invitations.length > 0 && (
        <>
          <h2>{t("helpers.pendingInvitations")}</h2>
          <ul className="list">
            {d.invitations.map((inv) => (
              <li key={inv.id}>
                {t(`helpers.kind.${inv.kind}`)} · {date(inv.expiresAt)}
                <Form method="post" reloadDocument>
                  <CsrfInput />
                  <input type="hidden" name="intent" value="cancel" />
                  <input type="hidden" name="invitationId" value={inv.id} />
                  <button type="submit" className="secondary">
                    {t("helpers.cancelInvitation")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t("helpers.inviteHeading")}</h2>
      <ValidatedForm
        schema={() => import("~/forms/account").then((m) => m.inviteSchema)}
        labels={{ kind: t("helpers.inviteKind") }}
        values={{ kind: "representative" }}
        id="invite"
        hidden={{ intent: "invite" }}
      >
        <ChoiceField
          name="kind"
          legend={t("helpers.inviteKind")}
          options={(["representative", "peer-broker"] as const).map((k) => ({
            value: k,
            label: t(`helpers.kind.${k}`),
          }))}
        />
        <SubmitButton>{t("helpers.invite")}</SubmitButton>
      </ValidatedForm>
    </>
  );
}
