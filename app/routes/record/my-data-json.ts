import { data } from "react-router";
import { requireRecordAccess } from "~/server/access.server";
import { exportEverythingAbout } from "~/models/my-data.server";
import type { Route } from "./+types/my-data-json";

/** The same as the readable page, with the whole audit trail, as a file to keep (streamed). */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "download-data");
  const body = await exportEverythingAbout(access.person.id);
  if (!body) throw data(null, { status: 404 });
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="my-data-${access.person.id}.json"`,
    },
  });
}
