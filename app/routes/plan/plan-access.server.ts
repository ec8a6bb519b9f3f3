import { data } from "react-router";
import type { RecordAccess } from "~/server/access.server";
import { currentPlan } from "~/models/plan.server";

/** A plan can be changed only while it is being written (or after changes were asked for). */
export function requireEditablePlan(access: RecordAccess): void {
  const state = currentPlan(access.person.id)?.state ?? "draft";
  if (state !== "draft" && state !== "changes-requested") throw data({ reason: "plan:page.readOnly" }, { status: 409 });
}

/** Stages 5 to 7 record what happens with the plan; they stop only when the cycle is finished (or while it is with someone to decide). */
export function requireOpenCycle(access: RecordAccess): void {
  const state = currentPlan(access.person.id)?.state ?? "draft";
  if (state === "closed" || state === "submitted" || state === "referred-to-panel")
    throw data({ reason: "plan:page.readOnly" }, { status: 409 });
}
