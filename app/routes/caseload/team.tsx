import { useTranslation } from "~/lib/use-translation";
import { data, redirect, useActionData } from "react-router";
import { ChoiceField, ErrorSummary, SubmitButton, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { isAdministratorOf } from "~/domain/access";
import { linkPersonSchema, teamCodeSchema } from "~/forms/account";
import { formatDate } from "~/lib/format";
import { parseFormValues, fieldErrors } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { requireUser } from "~/server/session.server";
import { audit } from "~/models/audit.server";
import { createTeamCode, linkPerson, teamLeadProfessionals, teamPeople } from "~/models/teams.server";
import type { User } from "~/models/users.server";
import type { Route } from "./+types/team";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: [] };

/** Only a team administrator, for their own team. They see names and who leads, never a record. */
async function requireAdministrator(
  context: Route.LoaderArgs["context"],
  request: Request,
): Promise<User & { teamId: string }> {
  const { user } = requireUser(context, request);
  if (!isAdministratorOf(user, user.teamId)) {
    await audit({ actorId: user.id, action: "link-person", result: "refused" });
    throw data(null, { status: 404 });
  }
  return user as User & { teamId: string };
}

async function pageData(user: User & { teamId: string }, lang: ReturnType<typeof languageOf>) {
  const people = await teamPeople(user.teamId);
  return {
    waiting: people.waiting.map((p) => ({
      personId: p.personId,
      name: p.name,
      since: p.teamChosenAt ? formatDate(p.teamChosenAt, lang) : null,
    })),
    linked: people.linked.map((p) => ({
      personId: p.personId,
      name: p.name,
      lead: p.leadName ?? "",
      since: p.leadSince ? formatDate(p.leadSince, lang) : null,
    })),
    professionals: await teamLeadProfessionals(user.teamId),
  };
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireAdministrator(context, request);
  return {
    ...(await pageData(user, languageOf(context))),
    linkedDone: new URL(request.url).searchParams.has("linked"),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireAdministrator(context, request);
  const formData = await request.formData();
  if (formData.get("intent") === "code") {
    const form = parseFormValues(formData, teamCodeSchema);
    if (!form.ok) return replyWithErrors(form);
    const made = await createTeamCode(user.teamId, user.id);
    return { code: made.code, expires: formatDate(made.expiresAt, languageOf(context)), values: {}, errors: {} };
  }
  const form = parseFormValues(formData, linkPersonSchema);
  if (!form.ok) return replyWithErrors(form);
  // The same answer for a person who is not waiting in this team as for one who does not exist.
  if ((await linkPerson(user, form.data.personId, form.data.professionalId)) === "refused")
    return replyWithErrors(fieldErrors(form.values, { personId: "account:team.errors.notWaiting" }));
  return redirect("/team?linked");
}

export default function Team({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("account");
  const result = useActionData<typeof action>();
  const refusal = result && "code" in result ? undefined : result;
  const made = result && "code" in result ? result : undefined;
  const labels = { personId: t("team.person"), professionalId: t("team.professional") };
  const people = [
    ...d.waiting.map((p) => ({
      value: p.personId,
      label: p.name,
      hint: p.since ? t("team.waitingSince", { date: p.since }) : t("team.waiting"),
    })),
    ...d.linked.map((p) => ({
      value: p.personId,
      label: p.name,
      hint: t("team.ledBy", { name: p.lead, date: p.since ?? "" }),
    })),
  ];
  return (
    <div className="narrow">
      <PageTitle error={Boolean(refusal?.errors && Object.keys(refusal.errors).length)}>{t("team.title")}</PageTitle>
      <h1>{t("team.title")}</h1>
      {d.linkedDone && (
        <p className="confirmation" role="status">
          {t("team.linkedDone")}
        </p>
      )}
      <p>{t("team.intro")}</p>
      <p>
        <a href="/team/staff">{t("staff.link")}</a>
      </p>
      <h2>{t("team.waitingHeading")}</h2>
      {d.waiting.length === 0 ? (
        <p>{t("team.nobodyWaiting")}</p>
      ) : (
        <ol className="list" data-testid="waiting">
          {d.waiting.map((p) => (
            <li key={p.personId}>
              {p.name} {p.since && <span className="hint">({t("team.waitingSince", { date: p.since })})</span>}
            </li>
          ))}
        </ol>
      )}
      {people.length === 0 && refusal?.errors && <ErrorSummary errors={refusal.errors} labels={labels} />}
      {people.length > 0 && (
        <>
          <h2>{t("team.linkHeading")}</h2>
          <ValidatedForm
            schema={() => import("~/forms/account").then((m) => m.linkPersonSchema)}
            values={refusal?.values}
            errors={refusal?.errors}
            labels={labels}
            hidden={{ intent: "link" }}
          >
            <ChoiceField name="personId" legend={labels.personId} options={people} />
            <ChoiceField
              name="professionalId"
              legend={labels.professionalId}
              options={d.professionals.map((p) => ({ value: p.id, label: p.name }))}
            />
            <SubmitButton>{t("team.submit")}</SubmitButton>
          </ValidatedForm>
        </>
      )}
      <h2>{t("team.codeHeading")}</h2>
      <p>{t("team.codeIntro")}</p>
      {made && (
        <p className="inset" role="status">
          {t("team.codeMade", { date: made.expires })} <strong data-testid="team-code">{made.code}</strong>
        </p>
      )}
      <ValidatedForm
        schema={() => import("~/forms/account").then((m) => m.teamCodeSchema)}
        labels={{}}
        hidden={{ intent: "code" }}
        id="team-code-form"
      >
        <SubmitButton>{t("team.makeCode")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}
