import { data } from "react-router";
import { readReceipt } from "~/models/money.server";
import { requireRecordAccess } from "~/server/access.server";
import { requireDetail } from "./money-access.server";
import type { Route } from "./+types/receipt-file";

const EXTENSION: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "image/heic": "heic",
  "application/pdf": "pdf",
};

/**
 * A receipt, only to those who may see the detail of the spending, always as a download: never shown
 * inline, never sniffed, never cached by a shared computer's browser.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  await requireDetail(access);
  const found = /^[0-9a-f-]{36}$/.test(params.receiptId)
    ? await readReceipt(access.person.id, params.receiptId)
    : undefined;
  if (!found) throw data(null, { status: 404 });
  const date = found.row.uploadedAt.slice(0, 10);
  return new Response(new Uint8Array(found.bytes), {
    headers: {
      "Content-Type": found.row.mediaType,
      "Content-Disposition": `attachment; filename="receipt-${date}.${EXTENSION[found.row.mediaType] ?? "bin"}"`,
      "Content-Length": String(found.bytes.byteLength),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
