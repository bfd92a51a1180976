import type { LoaderFunctionArgs } from "@remix-run/node";
import { getOwnCertificatePdf } from "~/models/certificate.server";
import { requireLearner } from "~/utils/auth.server";

/** The learner's own certificate as a PDF; any other code answers 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { learner } = await requireLearner(request);
  const code = (params.code ?? "").toUpperCase();
  const result = /^[A-Z0-9]{10}$/.test(code)
    ? await getOwnCertificatePdf(learner.personId, code, new URL(request.url).origin)
    : null;
  if (!result) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(result.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${result.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
