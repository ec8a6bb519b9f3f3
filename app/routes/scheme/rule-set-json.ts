import { data } from "react-router";
import { findRuleSet } from "~/models/rule-sets.server";
import { requireCommissioner } from "~/server/access.server";
import type { Route } from "./+types/rule-set-json";

/** A rule set as the file the calibration command and the upload form take. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireCommissioner(context, request);
  const ruleSet = await findRuleSet(params.ruleSetId);
  if (!ruleSet) throw data(null, { status: 404 });
  return new Response(`${JSON.stringify(ruleSet, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${ruleSet.id}.json"`,
    },
  });
}
