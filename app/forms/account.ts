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
  invitation: optionalText(40),
});

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
  email,
  professionalId: z.uuid({ error: "account:team.errors.notInTeam" }),
});
