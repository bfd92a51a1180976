import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireLearner } from "~/access/guards.server";
import { parseCertificateCode } from "~/domain/certificate-code";
import { getOwnCertificatePdf } from "~/models/certificate.server";
import { notFound } from "~/utils/http.server";
import { publicUrl } from "~/utils/env.server";

/** The learner's own certificate as a PDF; any other code answers 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireLearner(request);
  const code = parseCertificateCode(params.code) ?? notFound();
  const result = (await getOwnCertificatePdf({ scope, code, origin: publicUrl() })) ?? notFound();
  return new Response(new Uint8Array(result.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${result.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
