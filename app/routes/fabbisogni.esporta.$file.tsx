import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCapability } from "~/access/guards.server";
import { NEED_SCOPES, NEED_SOURCE_KINDS, NEED_STATUSES, NeedFiltersSchema, needFiltersOf } from "~/domain/need-schema";
import { parseTableParams } from "~/domain/table-params";
import { needRegister } from "~/models/need.server";
import { csvStream, downloadResponse, xlsxStream, type ExportSheet } from "~/utils/export.server";
import { badRequest, notFound } from "~/utils/http.server";

type Row = Awaited<ReturnType<typeof needRegister>>[number];

/** The register as on the screen: same scope, same filters, same figures, same order. */
function registerSheet(rows: Row[]): ExportSheet<Row> {
  return {
    name: "Fabbisogni",
    rows,
    columns: [
      { header: "Numero", value: (r) => r.id },
      { header: "Titolo", value: (r) => r.title, width: 50 },
      { header: "Stato", value: (r) => NEED_STATUSES[r.status] },
      { header: "Ambito", value: (r) => NEED_SCOPES[r.scope] },
      { header: "Dimensione", value: (r) => r.dimension },
      { header: "Comuni interessati", value: (r) => r.comuni.length },
      { header: "Comuni", value: (r) => r.comuni.join(", "), width: 50 },
      {
        header: "Fonti",
        value: (r) =>
          r.sources.map((s) => `${NEED_SOURCE_KINDS[s.kind]}${s.count > 1 ? ` (${s.count})` : ""}`).join(", "),
        width: 40,
      },
      { header: "Impatto", value: (r) => r.impact },
      { header: "Fattibilità", value: (r) => r.feasibility },
      { header: "Condivisione", value: (r) => r.sharing },
      { header: "Priorità", value: (r) => r.priority },
      { header: "Tetto di spesa (euro)", value: (r) => r.budgetCapEuro },
      { header: "Tempi massimi (mesi)", value: (r) => r.timeCapMonths },
    ],
  };
}

/** fabbisogni.csv (BOM, `;`, decimal comma) and fabbisogni.xlsx; any other name is 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireCapability(request, "need:read:phase2");
  const format = params.file === "fabbisogni.csv" ? "csv" : params.file === "fabbisogni.xlsx" ? "xlsx" : notFound();
  const parsed = parseTableParams(NeedFiltersSchema, new URL(request.url).searchParams);
  if (!parsed.ok) badRequest(parsed.errors);
  const sheet = registerSheet(await needRegister({ scope, filters: needFiltersOf(parsed.value) }));
  const name = `fabbisogni-${new Date().toISOString().slice(0, 10)}`;
  return format === "csv"
    ? downloadResponse(csvStream(sheet), name, "csv")
    : downloadResponse(xlsxStream([sheet]), name, "xlsx");
}
