import { data } from "react-router";
import { mayActOnRecord } from "~/domain/access";
import { canWithdraw, type PlanState } from "~/domain/workflow";
import type { FormValues } from "~/lib/form-messages";
import { canSaveNow, currentPlan, type SaveWhen, type SavedBy } from "~/models/plan.server";
import type { RecordAccess } from "~/server/access.server";

/** Why a plan page shows no form, and what the person can do: read by PlanLockNotice. */
export interface PlanLock {
  state: PlanState;
  /** The asker may take the plan back (withdraw it) to change it. */
  mayWithdraw: boolean;
}

/**
 * What a plan page may offer: its form only where the plan's state (the workflow's table) and the
 * asker's rights allow. When the state stops it, `lock` says why, for the plain message.
 */
export async function planPageState(
  access: RecordAccess,
  when: SaveWhen,
): Promise<{ canEdit: boolean; lock: PlanLock | null }> {
  const row = await currentPlan(access.person.id);
  const state = (row?.state ?? "draft") as PlanState;
  const mayWrite = mayActOnRecord(access.standing, "edit-draft");
  if (canSaveNow(row, when)) return { canEdit: mayWrite, lock: null };
  return {
    canEdit: false,
    lock: { state, mayWithdraw: canWithdraw(state) && mayActOnRecord(access.standing, "submit-plan") },
  };
}

/** Who is saving, in what capacity (recorded with each save for the history's plain words). */
export function savedBy(access: RecordAccess): SavedBy {
  return { userId: access.actor.id, capacity: access.standing === "none" ? "self" : access.standing };
}

/**
 * A save that arrived when the plan could no longer change: a calm page (not an error) with every
 * word that was typed, ready to copy, and what the person can do now. 409 says "not now" to machines.
 */
export function notNow(access: RecordAccess, state: PlanState, typed: FormValues) {
  const { csrf: _csrf, ...values } = typed;
  return data(
    {
      notNow: {
        state,
        mayWithdraw: canWithdraw(state) && mayActOnRecord(access.standing, "submit-plan"),
        typed: values,
      },
    },
    { status: 409 },
  );
}
