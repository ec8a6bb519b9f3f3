import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData } from "react-router";
import { ChoiceField, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { mayInvite } from "~/domain/access";
import { pick } from "~/domain/localized";
import { inviteStaffSchema } from "~/forms/account";
import { content } from "~/content/content.server";
import { formatDate } from "~/lib/format";
import { parseForm, fieldErrors } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { inviteStaff, pendingStaffInvitations, staffOf } from "~/models/staff.server";
import { isTeam } from "~/models/teams.server";
import { requireStaffManager } from "./staff-access.server";
import type { Route } from "./+types/members";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["staff"] };

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireStaffManager(context, request);
  const lang = languageOf(context);
  const scope = user.role === "commissioner" ? null : user.teamId;
  const teamName = (id: string | null) => {
    const team = content().teams.teams.find((t) => t.id === id);
    return team ? pick(team.name, lang) : null;
  };
  return {
    isCommissioner: user.role === "commissioner",
    teamName: teamName(user.teamId),
    teams: content().teams.teams.map((t) => ({ value: t.id, label: pick(t.name, lang) })),
    members: (await staffOf(scope)).map((m) => ({
      ...m,
      team: teamName(m.teamId),
      since: m.deactivatedAt ? formatDate(m.deactivatedAt, lang) : null,
    })),
    pending: (await pendingStaffInvitations(scope)).map((i) => ({
      ...i,
      team: teamName(i.teamId),
      expires: formatDate(i.expiresAt, lang),
    })),
    // Without a mail server (the demo), the link is shown to the inviter and printed in the server log.
    invitedDone: new URL(request.url).searchParams.has("invited"),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireStaffManager(context, request);
  const form = await parseForm(request, inviteStaffSchema);
  if (!form.ok) return replyWithErrors(form);
  const teamId =
    user.role === "commissioner"
      ? form.data.kind === "commissioner"
        ? null
        : (form.data.teamId ?? null)
      : user.teamId;
  if (user.role === "commissioner" && form.data.kind !== "commissioner" && (!teamId || !isTeam(teamId)))
    return replyWithErrors(fieldErrors(form.values, { teamId: "common:errors.chooseOne" }));
  if (!mayInvite(user, form.data.kind, teamId))
    return replyWithErrors(fieldErrors(form.values, { kind: "common:errors.chooseOne" }));
  // The same answer whether or not the address already has an account: an invitation is made and sent either way.
  const made = await inviteStaff({ email: form.data.email, kind: form.data.kind, teamId, createdBy: user.id });
  if (!process.env.SMTP_URL) console.log(`Staff invitation for ${form.data.email}: ${made.link}`);
  if (!process.env.SMTP_URL) return { invited: form.data.email, link: made.link };
  return redirect("/team/staff?invited");
}

export default function Members({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("staff");
  const result = useActionData<typeof action>();
  const refusal = result && "errors" in result ? result : undefined;
  const invited = result && "link" in result ? result : undefined;
  const labels = { email: t("invite.email"), kind: t("invite.kind"), teamId: t("invite.team") };
  const kinds = (
    d.isCommissioner
      ? (["lead-professional", "panel-member", "team-administrator", "commissioner"] as const)
      : (["lead-professional", "panel-member", "team-administrator"] as const)
  ).map((k) => ({ value: k, label: t(`kinds.${k}`) }));
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("members.title")}</PageTitle>
      <h1>{t("members.title")}</h1>
      {d.teamName && <p className="hint">{d.teamName}</p>}
      {d.invitedDone && (
        <p className="confirmation" role="status">
          {t("invite.sent")}
        </p>
      )}
      {invited && (
        <div className="confirmation" role="status">
          <p>{t("invite.made", { email: invited.invited })}</p>
          <p>
            {t("invite.linkShown")} <code data-testid="invitation-link">{invited.link}</code>
          </p>
        </div>
      )}
      <table className="table">
        <caption>{t("members.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("members.name")}</th>
            <th scope="col">{t("members.role")}</th>
            {d.isCommissioner && <th scope="col">{t("members.team")}</th>}
            <th scope="col">{t("members.status")}</th>
          </tr>
        </thead>
        <tbody>
          {d.members.map((m) => (
            <tr key={m.id}>
              <td>
                <a href={`/team/staff/${m.id}`}>{m.name}</a>
                <br />
                <span className="hint">{m.email}</span>
              </td>
              <td>
                {t(`kinds.${m.role === "lead-professional" && m.isTeamAdmin ? "team-administrator" : m.role}`)}
                {m.onPanel && m.role !== "panel-member" && <> · {t("members.onPanel")}</>}
              </td>
              {d.isCommissioner && <td>{m.team ?? "—"}</td>}
              <td>
                {m.deactivatedAt
                  ? t("members.deactivated", { date: m.since })
                  : m.enrolled
                    ? t("members.active")
                    : t("members.notEnrolled")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("invite.heading")}</h2>
      <p>{t("invite.intro")}</p>
      <ValidatedForm
        schema={() => import("~/forms/account").then((m) => m.inviteStaffSchema)}
        values={refusal?.values}
        errors={refusal?.errors}
        labels={labels}
      >
        <TextField name="email" type="email" label={labels.email} autoComplete="off" />
        <ChoiceField name="kind" legend={labels.kind} options={kinds} />
        {d.isCommissioner && (
          <ChoiceField name="teamId" legend={labels.teamId} hint={t("invite.teamHint")} options={d.teams} />
        )}
        <SubmitButton>{t("invite.submit")}</SubmitButton>
      </ValidatedForm>
      {d.pending.length > 0 && (
        <>
          <h2>{t("invite.pending")}</h2>
          <ul className="list">
            {d.pending.map((i) => (
              <li key={i.id}>
                {i.email} · {t(`kinds.${i.kind}`)}
                {i.team && <> · {i.team}</>} · {t("invite.expires", { date: i.expires })}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
