/**
 * A JSON export of the Developers Italia API (`/v1/software` pages: objects with `url`,
 * `aliases`, the raw `publiccodeYml` string, `vitality`, PHASE2.md §5.3 b), made elsewhere and
 * uploaded: every entry goes through the same import as a single file, with its URLs as
 * aliases of the card and its vitality. Accepted shapes: one page (`{ data: [...] }`), a list
 * of pages, or the list of software objects itself.
 */
import { z } from "zod";
import { importPubliccode, type ImportOptions, type ImportResult } from "~/domain/publiccode/import";

export const MAX_EXPORT_ENTRIES = 5000;

const softwareSchema = z.object({
  id: z.string().optional(),
  url: z.string().min(1),
  aliases: z.array(z.string()).optional(),
  publiccodeYml: z.string(),
  active: z.boolean().optional(),
  vitality: z.union([z.number(), z.string(), z.array(z.number()), z.null()]).optional(),
});

export interface DiExportEntry {
  /** Position in the export, 0-based, and the API id when present (for the batch row). */
  index: number;
  sourceName: string;
  url: string | null;
  aliases: string[];
  active: boolean | null;
  vitality: number | null;
  /** Why the entry could not be read at all (not an object of the export's shape). */
  problem?: string;
  result?: ImportResult;
}

export interface DiExportResult {
  /** Why the file as a whole is not an export (then `entries` is empty). */
  error?: string;
  entries: DiExportEntry[];
}

export function readDevelopersItaliaExport(
  text: string,
  options: Omit<ImportOptions, "aliases" | "vitality">,
): DiExportResult {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return { error: "Il file non è JSON valido: serve l'esportazione dell'API di Developers Italia.", entries: [] };
  }
  const items = itemsOf(json);
  if (items === null) {
    return {
      error:
        "Il JSON non ha la forma dell'API di Developers Italia (una pagina «data: [...]» o un elenco di software).",
      entries: [],
    };
  }
  if (items.length > MAX_EXPORT_ENTRIES) {
    return { error: `L'esportazione ha ${items.length} voci: il limite è ${MAX_EXPORT_ENTRIES}.`, entries: [] };
  }
  const entries = items.map((item, index): DiExportEntry => {
    const parsed = softwareSchema.safeParse(item);
    if (!parsed.success) {
      return {
        index,
        sourceName: `software[${index}]`,
        url: null,
        aliases: [],
        active: null,
        vitality: null,
        problem: "Voce senza «url» o senza «publiccodeYml» (testo): non è un software dell'API.",
      };
    }
    const software = parsed.data;
    const aliases = [software.url, ...(software.aliases ?? [])];
    const vitality = vitalityOf(software.vitality);
    return {
      index,
      sourceName: software.id ? `software[${index}] ${software.id}` : `software[${index}]`,
      url: software.url,
      aliases: software.aliases ?? [],
      active: software.active ?? null,
      vitality,
      result: importPubliccode(software.publiccodeYml, { ...options, aliases, vitality }),
    };
  });
  return { entries };
}

function itemsOf(json: unknown): unknown[] | null {
  const page = (value: unknown) =>
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Array.isArray((value as { data?: unknown }).data)
      ? ((value as { data: unknown[] }).data as unknown[])
      : null;
  const single = page(json);
  if (single) return single;
  if (!Array.isArray(json)) return null;
  const pages = json.map(page);
  if (json.length > 0 && pages.every((p) => p !== null)) return pages.flatMap((p) => p!);
  return json;
}

/** The vitality index, 0–100: a number, or the latest of a series (the API keeps one value per day). */
function vitalityOf(value: number | string | number[] | null | undefined): number | null {
  const series =
    typeof value === "string"
      ? value
          .split(/[,;\s]+/)
          .filter(Boolean)
          .map(Number)
      : Array.isArray(value)
        ? value
        : [value];
  const latest = series.at(-1);
  if (typeof latest !== "number" || !Number.isFinite(latest)) return null;
  return Math.max(0, Math.min(100, Math.round(latest)));
}
