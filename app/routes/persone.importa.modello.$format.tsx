import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCapability } from "~/access/guards.server";
import { IMPORT_COLUMNS } from "~/domain/import-schema";
import { csvStream, downloadResponse, xlsxStream, type ExportSheet } from "~/utils/export.server";
import { invariantResponse } from "~/utils/http.server";

type Example = Record<(typeof IMPORT_COLUMNS)[number], string>;

const EXAMPLES: Example[] = [
  {
    nome: "Maria",
    cognome: "Rossi",
    email: "maria.rossi@comune.esempio.it",
    ente: "Comune di Esempio",
    ruolo: "dipendente",
    carica: "Istruttore amministrativo",
    ufficio: "Anagrafe",
    genere: "F",
    anno_nascita: "1978",
    titolo_studio: "diploma",
    edizione: "",
    account: "sì",
  },
  {
    nome: "Giovanni",
    cognome: "Bianchi",
    email: "sindaco@comune.esempio.it",
    ente: "018007",
    ruolo: "amministratore",
    carica: "Sindaco",
    ufficio: "",
    genere: "M",
    anno_nascita: "1965",
    titolo_studio: "laurea",
    edizione: "",
    account: "no",
  },
];

/** The roster template: the columns the import reads, with two example rows (CSV or XLSX). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCapability(request, "person:create:area");
  const format = params.format;
  invariantResponse(format === "csv" || format === "xlsx");
  const sheet: ExportSheet<Example> = {
    name: "Persone",
    rows: EXAMPLES,
    columns: IMPORT_COLUMNS.map((c) => ({
      header: c,
      value: (r: Example) => r[c],
      format: "text" as const,
      width: Math.max(12, c.length + 4),
    })),
  };
  return downloadResponse(
    format === "csv" ? csvStream(sheet) : xlsxStream([sheet]),
    `modello-importazione-persone.${format}`,
    format,
  );
}
