import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCapability } from "~/access/guards.server";
import { ImportStatusSchema } from "~/domain/import-schema";
import { importStatus } from "~/models/roster-import.server";
import { notFound } from "~/utils/http.server";

/** Where the commit of one's own import stands (JSON), polled by the import page's progress bar. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireCapability(request, "person:create:area");
  const parsed = ImportStatusSchema.safeParse({ lotto: new URL(request.url).searchParams.get("lotto") ?? "" });
  if (!parsed.success) notFound();
  const status = (await importStatus({ actor, token: parsed.data.lotto })) ?? notFound();
  return Response.json(status, { headers: { "Cache-Control": "private, no-store" } });
}
