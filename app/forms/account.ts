import { z } from "zod";
import { ACTING_FOR_TYPES, AUTHORITIES } from "~/domain/roles";
import { blankToUndefined, choice, optionalText, requiredText } from "~/lib/forms";

const email = z.email({ error: "auth:errors.emailInvalid" }).max(254, "auth:errors.emailInvalid");
// Length only: no composition rules. The common-password check needs the list, so it runs on the server.
const newPassword = z
  .string({ error: "auth:errors.required" })
  .min(1, "auth:errors.required")
  .refine((p) => [...p].length >= 12, "auth:errors.passwordTooShort")
  .refine((p) => [...p].length <= 256, "auth:errors.passwordTooLong");

export const signUpSchema = z.strictObject({
  name: requiredText(100, "auth:errors.required"),
  email,
  password: newPassword,
  // The team or service that supports the person ("" = not sure yet: they can choose later).
  teamId: z.preprocess(
    (v) => (v === "" || v === "none" || v === null ? undefined : v),
    z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/, "common:errors.chooseOne")
      .optional(),
  ),
  invitation: optionalText(40),
});

/** The code emailed to confirm a sign-up. */
export const confirmSignUpSchema = z.strictObject({ code: requiredText(40, "auth:errors.required") });

export const signInSchema = z.strictObject({
  email: z
    .string({ error: "auth:errors.required" })
    .trim()
    .min(1, "auth:errors.required")
    .max(254, "auth:errors.signInFailed"),
  password: z
    .string({ error: "auth:errors.required" })
    .min(1, "auth:errors.required")
    .max(1024, "auth:errors.signInFailed"),
  returnTo: optionalText(500),
});

export const codeSchema = z.strictObject({
  code: z
    .string({ error: "auth:errors.required" })
    .transform((c) => c.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "auth:errors.codeWrong")),
  returnTo: optionalText(500),
});

export const changePasswordSchema = z.strictObject({
  current: z.string({ error: "auth:errors.required" }).min(1, "auth:errors.required"),
  password: newPassword,
});

export const inviteSchema = z.strictObject({
  intent: z.literal("invite"),
  kind: choice(["representative", "peer-broker"]),
});

export const authoritySchema = z
  .strictObject({
    intent: z.literal("authority"),
    helperId: z.uuid(),
    authority: choice(AUTHORITIES),
    actingForType: z.preprocess(blankToUndefined, z.enum(ACTING_FOR_TYPES).optional()),
    actingForReference: optionalText(100),
  })
  .superRefine((v, ctx) => {
    if (v.authority !== "acting-for") return;
    if (!v.actingForType) ctx.addIssue({ code: "custom", path: ["actingForType"], message: "common:errors.chooseOne" });
    if (!v.actingForReference)
      ctx.addIssue({ code: "custom", path: ["actingForReference"], message: "common:errors.required" });
  });

export const removeHelperSchema = z.strictObject({ intent: z.literal("remove"), helperId: z.uuid() });
export const cancelInvitationSchema = z.strictObject({ intent: z.literal("cancel"), invitationId: z.uuid() });

export const invitationCodeSchema = z.strictObject({ code: requiredText(40) });
export const acceptInvitationSchema = z.strictObject({ code: requiredText(40), intent: z.literal("accept") });

export const endSessionSchema = z.strictObject({ session: z.string().regex(/^[0-9a-f]{64}$/) });

export const linkPersonSchema = z.strictObject({
  intent: z.literal("link", { error: "common:errors.invalid" }),
  personId: z.uuid({ error: "account:team.errors.choosePerson" }),
  professionalId: z.uuid({ error: "account:team.errors.notInTeam" }),
});

export const teamCodeSchema = z.strictObject({ intent: z.literal("code", { error: "common:errors.invalid" }) });

/** The person chooses their team from the list, or types a code the team gave them. */
export const chooseTeamSchema = z.strictObject({
  intent: z.literal("choose", { error: "common:errors.invalid" }),
  teamId: z.string({ error: "common:errors.chooseOne" }).regex(/^[a-z][a-z0-9-]*$/, "common:errors.chooseOne"),
});
export const teamCodeEntrySchema = z.strictObject({
  intent: z.literal("code", { error: "common:errors.invalid" }),
  code: requiredText(40),
});

/** A recovery code instead of the one-time code (when the authenticator is lost). */
export const recoveryCodeSchema = z.strictObject({
  recovery: requiredText(40, "auth:errors.required"),
  returnTo: optionalText(500),
});

/** Accepting a staff invitation: the token from the link goes in the form, never consumed by opening it. */
export const joinSchema = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "staff:join.errors.used"),
  name: requiredText(100, "auth:errors.required"),
  password: newPassword,
});

export const enrolSchema = z.strictObject({
  code: z
    .string({ error: "auth:errors.required" })
    .transform((c) => c.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "auth:errors.codeWrong")),
});

export const inviteStaffSchema = z.strictObject({
  email,
  kind: choice(["lead-professional", "panel-member", "team-administrator", "commissioner"]),
  // A commissioner chooses the team; a team administrator's own team is used.
  teamId: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/)
      .optional(),
  ),
});

export const staffStandingSchema = z.strictObject({
  intent: z.literal("standing", { error: "common:errors.invalid" }),
  standing: choice(["lead-professional", "team-administrator"]),
  onPanel: z.preprocess((v) => v === "yes", z.boolean()),
});
export const staffActionSchema = z.strictObject({
  intent: z.enum(["deactivate", "reset-second-factor"], { error: "common:errors.invalid" }),
});
