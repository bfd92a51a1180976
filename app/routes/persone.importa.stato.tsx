import type { LoaderFunctionArgs } from "@remix-run/node";
import { ImportStatusSchema } from "~/domain/import-schema";
import { importStatus } from "~/models/roster-import.server";
import { requireCapability } from "~/utils/auth.server";

/** Where the commit of one's own import stands (JSON), polled by the import page's progress bar. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCapability(request, "person:create:area");
  const parsed = ImportStatusSchema.safeParse({ lotto: new URL(request.url).searchParams.get("lotto") ?? "" });
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  const status = await importStatus(user, parsed.data.lotto);
  if (!status) throw new Response("Not found", { status: 404 });
  return Response.json(status, { headers: { "Cache-Control": "private, no-store" } });
}
