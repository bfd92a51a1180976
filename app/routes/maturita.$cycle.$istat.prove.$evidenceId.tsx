import { Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCapability } from "~/access/guards.server";
import { parseId } from "~/domain/ids";
import { findEvidenceFile, parseIstat } from "~/models/assessment-page.server";
import { notFound } from "~/utils/http.server";
import { attachmentDisposition, openUpload } from "~/utils/uploads.server";

/**
 * An evidence file of a comune's assessment: only for who may read that assessment (scope
 * in the query: any other id is 404). Served as an attachment with the type detected at
 * upload, never rendered inline.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireCapability(request, "assessment:read:phase2");
  const cycleId = parseId(params.cycle) ?? notFound();
  const istat = parseIstat(params.istat) ?? notFound();
  const evidenceId = parseId(params.evidenceId) ?? notFound();
  const file = await findEvidenceFile({ scope, cycleId, istat, evidenceId });
  if (!file?.storageKey) notFound();
  const { size, stream } = await openUpload(file.storageKey);
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: {
      "Content-Type": file.mime ?? "application/octet-stream",
      "Content-Length": String(size),
      "Content-Disposition": attachmentDisposition(file.fileName ?? "evidenza"),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
