import { Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/access/guards.server";
import { parseId } from "~/domain/ids";
import { findSubmissionFile } from "~/models/grading.server";
import { notFound } from "~/utils/http.server";
import { attachmentDisposition, openUpload } from "~/utils/uploads.server";

/**
 * A lab deliverable's file: only for the learner who handed it in and the trainers of its
 * edition (scope in the query: any other id is 404). Served as an attachment with the type
 * detected at upload, never rendered inline.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireUser(request);
  const id = parseId(params.id) ?? notFound();
  const submission = await findSubmissionFile({ id, scope });
  if (!submission?.fileKey) notFound();
  const { size, stream } = await openUpload(submission.fileKey);
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: {
      "Content-Type": submission.fileType ?? "application/octet-stream",
      "Content-Length": String(size),
      "Content-Disposition": attachmentDisposition(submission.fileName ?? "consegna"),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
