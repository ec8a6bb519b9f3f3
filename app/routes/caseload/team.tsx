import { and, eq } from "drizzle-orm";
import { useTranslation } from "react-i18next";
import { mayLinkPeople } from "~/domain/access";
import { data, redirect, useActionData } from "react-router";
import { persons, users } from "../../../db/schema";
import { ChoiceField, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { linkPersonSchema } from "~/forms/account";
import { db } from "~/lib/db.server";
import { parseForm, fieldErrors } from "~/lib/forms.server";
import { replyWithErrors } from "~/lib/responses.server";
import { requireUser } from "~/server/session.server";
import { audit } from "~/models/audit.server";
import { normaliseEmail, type User } from "~/models/users.server";
import type { Route } from "./+types/team";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: [] };

/** Commissioners and team administrators link people to lead professionals; they never see the record. */
function requireLinker(context: Route.LoaderArgs["context"], request: Request): User {
  const { user } = requireUser(context, request);
  if (!mayLinkPeople(user)) {
    audit({ actorId: user.id, action: "link-person", result: "refused" });
    throw data(null, { status: 404 });
  }
  return user;
}

function professionalsFor(user: User) {
  const where =
    user.role === "commissioner"
      ? eq(users.role, "lead-professional")
      : and(eq(users.role, "lead-professional"), eq(users.teamId, user.teamId ?? ""));
  return db().select({ id: users.id, name: users.name }).from(users).where(where).all();
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireLinker(context, request);
  return { professionals: professionalsFor(user), linked: new URL(request.url).searchParams.has("linked") };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireLinker(context, request);
  const form = await parseForm(request, linkPersonSchema);
  if (!form.ok) return replyWithErrors(form);
  if (!professionalsFor(user).some((p) => p.id === form.data.professionalId))
    return replyWithErrors(fieldErrors(form.values, { professionalId: "account:team.errors.notInTeam" }));
  const person = db()
    .select({ id: persons.id })
    .from(persons)
    .innerJoin(users, eq(users.id, persons.userId))
    .where(eq(users.email, normaliseEmail(form.data.email)))
    .get();
  if (!person) return replyWithErrors(fieldErrors(form.values, { email: "account:team.errors.noPerson" }));
  db().update(persons).set({ leadProfessionalId: form.data.professionalId }).where(eq(persons.id, person.id)).run();
  audit({
    actorId: user.id,
    personId: person.id,
    action: "link-lead-professional",
    target: form.data.professionalId,
    result: "ok",
  });
  return redirect("/team?linked");
}

export default function Team({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("account");
  const refusal = useActionData<typeof action>();
  const labels = { email: t("team.personEmail"), professionalId: t("team.professional") };
  return (
    <div className="narrow">
      <PageTitle error={Boolean(refusal)}>{t("team.title")}</PageTitle>
      <h1>{t("team.title")}</h1>
      {d.linked && (
        <p className="confirmation" role="status">
          {t("team.linked")}
        </p>
      )}
      <p>{t("team.intro")}</p>
      <ValidatedForm schema={linkPersonSchema} values={refusal?.values} errors={refusal?.errors} labels={labels}>
        <TextField name="email" type="email" label={labels.email} autoComplete="off" />
        <ChoiceField
          name="professionalId"
          legend={labels.professionalId}
          options={d.professionals.map((p) => ({ value: p.id, label: p.name }))}
        />
        <SubmitButton>{t("team.submit")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}
