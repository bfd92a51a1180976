import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireReporting } from "~/access/guards.server";
import { allPersonModules, bodyModules, viewModules } from "~/models/cross-module.server";
import { describeFilters } from "~/models/dashboard.server";
import { bodyModulesSheet, indicatorSheets, personModulesSheet } from "~/models/indicator-exports.server";
import { getIndicators } from "~/models/indicators.server";
import { csvStream, downloadResponse, xlsxStream } from "~/utils/export.server";
import { notFound } from "~/utils/http.server";

/**
 * Exports of the dashboard, with the same filters as the screen:
 * indicatori.xlsx (every table, one sheet each), indicatori-<tabella>.csv,
 * persone-moduli.csv|xlsx (streamed, constant memory), enti-moduli.csv|xlsx.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, filters } = await requireReporting(request);
  const file = params.file ?? "";
  const stamp = new Date().toISOString().slice(0, 10);

  if (file === "persone-moduli.csv" || file === "persone-moduli.xlsx") {
    const sheet = personModulesSheet(allPersonModules({ scope, filters }), await viewModules());
    return file.endsWith(".csv")
      ? downloadResponse(csvStream(sheet), `persone-moduli-${stamp}`, "csv")
      : downloadResponse(xlsxStream([sheet]), `persone-moduli-${stamp}`, "xlsx");
  }
  if (file === "enti-moduli.csv" || file === "enti-moduli.xlsx") {
    const sheet = bodyModulesSheet(await bodyModules({ scope, filters }));
    return file.endsWith(".csv")
      ? downloadResponse(csvStream(sheet), `enti-moduli-${stamp}`, "csv")
      : downloadResponse(xlsxStream([sheet]), `enti-moduli-${stamp}`, "xlsx");
  }
  const sheets = indicatorSheets(
    await getIndicators({ scope, filters }),
    await describeFilters({ filters }),
    new Date(),
  );
  if (file === "indicatori.xlsx")
    return downloadResponse(xlsxStream(Object.values(sheets)), `indicatori-${stamp}`, "xlsx");
  const match = /^indicatori-([a-z]+)\.csv$/.exec(file);
  const sheet = match ? sheets[match[1]] : undefined;
  if (!sheet) notFound();
  return downloadResponse(csvStream(sheet), `indicatori-${match![1]}-${stamp}`, "csv");
}
