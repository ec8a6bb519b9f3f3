import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData } from "react-router";
import { ChoiceField, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { pick } from "~/domain/localized";
import { chooseTeamSchema, teamCodeEntrySchema } from "~/forms/account";
import { content } from "~/content/content.server";
import { clientAddressContext } from "~/lib/context";
import { formatDate } from "~/lib/format";
import { parseFormValues, fieldErrors } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { requireRecordAccess } from "~/server/access.server";
import { throttledCode } from "~/models/sign-in.server";
import { chooseTeam, isTeam, leadProfessionalOf, useTeamCode } from "~/models/teams.server";
import type { Route } from "./+types/team";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: [] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "choose-team");
  const lang = languageOf(context);
  const lead = await leadProfessionalOf(access.person.id);
  return {
    personId: access.person.id,
    isSelf: access.standing === "self",
    teamId: access.person.teamId,
    teams: content().teams.teams.map((t) => ({
      value: t.id,
      label: pick(t.name, lang),
      hint: pick(t.description, lang),
    })),
    lead: lead ? { name: lead.name, since: lead.since ? formatDate(lead.since, lang) : null } : null,
    chosen: new URL(request.url).searchParams.has("chosen"),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "choose-team");
  const formData = await request.formData();
  if (formData.get("intent") === "code") {
    const form = parseFormValues(formData, teamCodeEntrySchema);
    if (!form.ok) return replyWithErrors(form);
    // A code is a secret someone types: guessing is slowed like a password.
    const teamId = await throttledCode(
      context.get(clientAddressContext),
      async () => await useTeamCode(form.data.code),
    );
    if (teamId === "throttled")
      return replyWithErrors(fieldErrors(form.values, { code: "auth:errors.tooManyAttemptsOneMinute" }), 429);
    if (!teamId) return replyWithErrors(fieldErrors(form.values, { code: "account:chooseTeam.errors.codeNotValid" }));
    await chooseTeam(access.person.id, teamId, access.actor.id, "code");
    return redirect(`/people/${access.person.id}/team?chosen`);
  }
  const form = parseFormValues(formData, chooseTeamSchema);
  if (!form.ok) return replyWithErrors(form);
  if (!isTeam(form.data.teamId))
    return replyWithErrors(fieldErrors(form.values, { teamId: "common:errors.chooseOne" }));
  await chooseTeam(access.person.id, form.data.teamId, access.actor.id, "record");
  return redirect(`/people/${access.person.id}/team?chosen`);
}

export default function ChooseTeam({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("account");
  const refusal = useActionData<typeof action>();
  const codeRefusal = refusal?.values?.intent === "code" ? refusal : undefined;
  const chooseRefusal = refusal?.values?.intent === "code" ? undefined : refusal;
  const labels = { teamId: t("chooseTeam.team") };
  const codeLabels = { code: t("chooseTeam.code") };
  const current = d.teams.find((team) => team.value === d.teamId);
  return (
    <div className="narrow">
      <PageTitle error={Boolean(refusal)}>{t("chooseTeam.title")}</PageTitle>
      <h1>{t("chooseTeam.title")}</h1>
      {d.chosen && (
        <p className="confirmation" role="status">
          {t("chooseTeam.chosen")}
        </p>
      )}
      <dl className="summary-list">
        <div>
          <dt>{t("chooseTeam.current")}</dt>
          <dd>{current ? current.label : t("chooseTeam.none")}</dd>
        </div>
        <div>
          <dt>{t("record.leadProfessional")}</dt>
          <dd>
            {d.lead
              ? d.lead.since
                ? t("record.leadSince", { name: d.lead.name, date: d.lead.since })
                : d.lead.name
              : t("record.noLeadProfessional")}
          </dd>
        </div>
      </dl>
      <p>{t("chooseTeam.intro")}</p>
      <ValidatedForm
        schema={() => import("~/forms/account").then((m) => m.chooseTeamSchema)}
        values={chooseRefusal?.values ?? (d.teamId ? { teamId: d.teamId } : {})}
        errors={chooseRefusal?.errors}
        labels={labels}
        hidden={{ intent: "choose" }}
      >
        <ChoiceField name="teamId" legend={labels.teamId} options={d.teams} />
        <SubmitButton>{t("chooseTeam.submit")}</SubmitButton>
      </ValidatedForm>
      <h2>{t("chooseTeam.codeHeading")}</h2>
      <ValidatedForm
        schema={() => import("~/forms/account").then((m) => m.teamCodeEntrySchema)}
        values={codeRefusal?.values}
        errors={codeRefusal?.errors}
        labels={codeLabels}
        hidden={{ intent: "code" }}
      >
        <TextField name="code" label={codeLabels.code} hint={t("invitation.codeHint")} autoComplete="off" short />
        <SubmitButton>{t("chooseTeam.useCode")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}
