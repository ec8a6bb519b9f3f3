import { useTranslation } from "~/lib/use-translation";
import { data, redirect, useActionData } from "react-router";
import { ChoiceField, SubmitButton, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { mayManageStaff } from "~/domain/access";
import { staffActionSchema, staffStandingSchema } from "~/forms/account";
import { parseFormValues } from "~/lib/forms.server";
import { replyWithErrors } from "~/lib/responses.server";
import { endAllSessions } from "~/server/session.server";
import { audit } from "~/models/audit.server";
import { caseloadOf, deactivate, resetSecondFactor, setStaffStanding } from "~/models/staff.server";
import { findUser, SECOND_FACTOR_ROLES } from "~/models/users.server";
import { requireStaffManager } from "./staff-access.server";
import type { Route } from "./+types/member";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["staff"] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The member in view, if this manager may manage them; otherwise 404, like a member who does not exist. */
async function requireMember(context: Route.LoaderArgs["context"], request: Request, userId: string) {
  const manager = await requireStaffManager(context, request);
  const member = UUID.test(userId) ? await findUser(userId) : undefined;
  if (
    !member ||
    !SECOND_FACTOR_ROLES.includes(member.role) ||
    !mayManageStaff(manager, member.teamId ?? null) ||
    (manager.role !== "commissioner" && member.role === "commissioner")
  ) {
    await audit({ actorId: manager.id, action: "manage-staff", target: userId, result: "refused" });
    throw data(null, { status: 404 });
  }
  return { manager, member };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { manager, member } = await requireMember(context, request, params.userId);
  const url = new URL(request.url);
  return {
    member: {
      id: member.id,
      name: member.name,
      email: member.email,
      role: member.role,
      isTeamAdmin: member.isTeamAdmin,
      onPanel: member.onPanel,
      deactivated: member.deactivatedAt !== null,
      enrolled: member.totpSecret !== null,
    },
    isSelf: member.id === manager.id,
    caseload: await caseloadOf(member.id),
    done: url.searchParams.get("done"),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { manager, member } = await requireMember(context, request, params.userId);
  const formData = await request.formData();
  if (formData.get("intent") === "standing") {
    const form = parseFormValues(formData, staffStandingSchema);
    if (!form.ok) return replyWithErrors(form);
    if (member.role !== "lead-professional" || member.deactivatedAt || member.id === manager.id)
      return replyWithErrors({ ok: false, values: form.values, errors: { _form: "staff:member.errors.notNow" } });
    const standing = { isTeamAdmin: form.data.standing === "team-administrator", onPanel: form.data.onPanel };
    await setStaffStanding(member.id, standing);
    await audit({
      actorId: manager.id,
      action: "change-staff-role",
      target: member.id,
      result: "ok",
      detail: standing,
    });
    return redirect(`/team/staff/${member.id}?done=standing`);
  }
  const form = parseFormValues(formData, staffActionSchema);
  if (!form.ok) return replyWithErrors(form);
  if (member.id === manager.id || member.deactivatedAt)
    return replyWithErrors({ ok: false, values: form.values, errors: { _form: "staff:member.errors.notNow" } });
  if (form.data.intent === "deactivate") {
    await deactivate(member.id);
    await endAllSessions(member.id, "deactivated");
    await audit({ actorId: manager.id, action: "deactivate-staff", target: member.id, result: "ok" });
  } else {
    await resetSecondFactor(member.id);
    await endAllSessions(member.id, "second-factor-reset");
    await audit({ actorId: manager.id, action: "reset-second-factor", target: member.id, result: "ok" });
  }
  return redirect(`/team/staff/${member.id}?done=${form.data.intent}`);
}

export default function Member({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("staff");
  const refusal = useActionData<typeof action>();
  const m = d.member;
  const intent = refusal?.values?.intent;
  const standingLabels = { standing: t("member.standing"), onPanel: t("member.onPanel") };
  const confirmLabels = {};
  return (
    <div className="narrow">
      <PageTitle error={Boolean(refusal)}>{m.name}</PageTitle>
      <h1>{m.name}</h1>
      {d.done && (
        <p className="confirmation" role="status">
          {t(`member.done.${d.done === "standing" || d.done === "deactivate" ? d.done : "reset-second-factor"}`)}
        </p>
      )}
      <dl className="summary-list">
        <div>
          <dt>{t("members.role")}</dt>
          <dd>{t(`kinds.${m.role === "lead-professional" && m.isTeamAdmin ? "team-administrator" : m.role}`)}</dd>
        </div>
        <div>
          <dt>{t("members.status")}</dt>
          <dd>
            {m.deactivated
              ? t("members.deactivatedShort")
              : m.enrolled
                ? t("members.active")
                : t("members.notEnrolled")}
          </dd>
        </div>
      </dl>
      <h2>{t("member.caseload")}</h2>
      {d.caseload.length === 0 ? (
        <p>{t("member.noCaseload")}</p>
      ) : (
        <>
          <ul className="list" data-testid="caseload">
            {d.caseload.map((p) => (
              <li key={p.personId}>
                {p.name}
                {p.waiting && <> · {t("member.planWaiting")}</>}
              </li>
            ))}
          </ul>
          {m.deactivated && (
            <p>
              {t("member.reassign")} <a href="/team">{t("member.reassignLink")}</a>
            </p>
          )}
        </>
      )}
      {!m.deactivated && !d.isSelf && (
        <>
          {m.role === "lead-professional" && (
            <>
              <h2>{t("member.standingHeading")}</h2>
              <ValidatedForm
                schema={() => import("~/forms/account").then((m) => m.staffStandingSchema)}
                values={
                  intent === "standing"
                    ? refusal?.values
                    : {
                        standing: m.isTeamAdmin ? "team-administrator" : "lead-professional",
                        onPanel: m.onPanel ? "yes" : "no",
                      }
                }
                errors={intent === "standing" ? refusal?.errors : undefined}
                labels={standingLabels}
                hidden={{ intent: "standing" }}
              >
                <ChoiceField
                  name="standing"
                  legend={standingLabels.standing}
                  options={[
                    { value: "lead-professional", label: t("kinds.lead-professional") },
                    { value: "team-administrator", label: t("kinds.team-administrator") },
                  ]}
                />
                <ChoiceField
                  name="onPanel"
                  legend={standingLabels.onPanel}
                  options={[
                    { value: "yes", label: t("member.yes") },
                    { value: "no", label: t("member.no") },
                  ]}
                />
                <SubmitButton>{t("member.saveStanding")}</SubmitButton>
              </ValidatedForm>
            </>
          )}
          <h2>{t("member.resetHeading")}</h2>
          <p>{t("member.resetIntro")}</p>
          <ValidatedForm
            schema={() => import("~/forms/account").then((m) => m.staffActionSchema)}
            values={intent === "reset-second-factor" ? refusal?.values : undefined}
            errors={intent === "reset-second-factor" ? refusal?.errors : undefined}
            labels={confirmLabels}
            hidden={{ intent: "reset-second-factor" }}
            id="reset-form"
          >
            <SubmitButton>{t("member.reset")}</SubmitButton>
          </ValidatedForm>
          <h2>{t("member.deactivateHeading")}</h2>
          <p>{t("member.deactivateIntro")}</p>
          <ValidatedForm
            schema={() => import("~/forms/account").then((m) => m.staffActionSchema)}
            values={intent === "deactivate" ? refusal?.values : undefined}
            errors={intent === "deactivate" ? refusal?.errors : undefined}
            labels={confirmLabels}
            hidden={{ intent: "deactivate" }}
            id="deactivate-form"
          >
            <SubmitButton className="warning">{t("member.deactivate")}</SubmitButton>
          </ValidatedForm>
        </>
      )}
    </div>
  );
}
