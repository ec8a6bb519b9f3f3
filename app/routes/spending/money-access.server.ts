import { data } from "react-router";
import { mayRecordMoney, maySeeSpendingDetail } from "~/domain/access";
import type { RecordAccess } from "~/server/access.server";
import { moneyPlan, sharesDetail, type MoneyPlan } from "~/models/money.server";

/**
 * What the asker may do with this person's money, worked out once per request from access.ts, with
 * whether the person shares the detail with their lead professional (read once, for the page too).
 */
export async function moneyRights(access: RecordAccess, money: MoneyPlan | null) {
  const management = money?.management ?? null;
  const shared = await sharesDetail(access.person.id);
  return {
    shared,
    canRecord: mayRecordMoney(access.standing, management),
    detail: maySeeSpendingDetail(access.standing, {
      sharedWithLead: shared,
      inReview: money?.state === "in-review",
      management,
    }),
  };
}

/**
 * For actions that record money: the asker must be the one who records it for this way of managing
 * the money (otherwise 404, like a record they cannot see). Returns the signed-off plan, or null
 * when there is none yet (the caller refuses the form, with a message).
 */
export async function requireRecorder(access: RecordAccess): Promise<MoneyPlan | null> {
  const money = await moneyPlan(access.person.id);
  if (!mayRecordMoney(access.standing, money?.management ?? null)) throw data(null, { status: 404 });
  return money;
}

/** For pages and files showing payees, notes or receipts: 404 unless the asker may see them. */
export async function requireDetail(access: RecordAccess): Promise<MoneyPlan | null> {
  const money = await moneyPlan(access.person.id);
  if (!(await moneyRights(access, money)).detail) throw data(null, { status: 404 });
  return money;
}
