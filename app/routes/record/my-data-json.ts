import { requireRecordAccess } from "~/server/access.server";
import { everythingAbout } from "~/models/my-data.server";
import type { Route } from "./+types/my-data-json";

/** The same as the readable page, as a file to keep. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = requireRecordAccess(context, request, params.personId, "download-data");
  return new Response(JSON.stringify(everythingAbout(access.person.id), null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="my-data-${access.person.id}.json"`,
    },
  });
}
