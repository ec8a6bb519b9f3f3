import { data, type RouterContextProvider } from "react-router";
import { mayManageStaff } from "~/domain/access";
import { requireUser } from "~/server/session.server";
import { audit } from "~/models/audit.server";
import type { User } from "~/models/users.server";

/** A team administrator (their own team) or a commissioner (every team). Anyone else: not found. */
export async function requireStaffManager(context: Readonly<RouterContextProvider>, request: Request): Promise<User> {
  const { user } = requireUser(context, request);
  if (!mayManageStaff(user, user.teamId)) {
    await audit({ actorId: user.id, action: "manage-staff", result: "refused" });
    throw data(null, { status: 404 });
  }
  return user;
}
