import { data } from "react-router";
import type { RecordAccess } from "./access.server";
import { currentPlan } from "~/models/plan.server";

/** A plan can be changed only while it is being written (or after changes were asked for). */
export function requireEditablePlan(access: RecordAccess): void {
  const state = currentPlan(access.person.id)?.state ?? "draft";
  if (state !== "draft" && state !== "changes-requested") throw data({ reason: "plan:page.readOnly" }, { status: 409 });
}
