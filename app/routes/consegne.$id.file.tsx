import { Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { openUpload, safeFileName } from "~/utils/uploads.server";

/**
 * A lab deliverable's file: only for the learner who handed it in and the trainers of its
 * edition (scope in the query: any other id is 404). Served as an attachment with the type
 * detected at upload, never rendered inline.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = Number(params.id);
  const submission =
    Number.isInteger(id) && id > 0
      ? await prisma.labSubmission.findFirst({
          where: {
            id,
            fileKey: { not: null },
            OR: [{ personId: user.personId }, { edition: { trainers: { some: { userId: user.id } } } }],
          },
          select: { fileKey: true, fileName: true, fileType: true },
        })
      : null;
  if (!submission?.fileKey) throw new Response("Not found", { status: 404 });
  const { size, stream } = await openUpload(submission.fileKey);
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: {
      "Content-Type": submission.fileType ?? "application/octet-stream",
      "Content-Length": String(size),
      "Content-Disposition": `attachment; filename="${safeFileName(submission.fileName ?? "consegna")}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
