/**
 * One publiccode.yml → its import verdict (PHASE2.md §6): whether a catalogue card can be built
 * (`importStatus`), what the official validator would say offline (`conformance`), every issue
 * with key, line and column, and the card. Pure: the caller reads the bytes and stores the result
 * (a `PubliccodeRecord` with its sha256, which the model computes). docs/publiccode-import.md.
 */
import { checkConformance, type IpaRegistry } from "~/domain/publiccode/conformance";
import { decodePubliccode } from "~/domain/publiccode/decode";
import { issue, type BlockReason, type PubliccodeIssue } from "~/domain/publiccode/issues";
import { normalisePubliccode, normaliseRepositoryUrl, type SolutionCard } from "~/domain/publiccode/normalise";
import { parsePubliccodeBytes, parsePubliccodeText } from "~/domain/publiccode/parse";
import { locator } from "~/domain/publiccode/positions";

export type ImportStatus = "BLOCKED" | "IMPORTED_WITH_ISSUES" | "IMPORTED";
export type Conformance = "VALID" | "VALID_WITH_WARNINGS" | "INVALID";

export interface ImportOptions {
  /** YYYY-MM-DD, for the maintenance status. */
  today: string;
  /** The IndicePA codes; without it IPA codes are checked for form only (info issue). */
  ipa?: IpaRegistry;
  osiApproved?: (licenceId: string) => boolean;
  nationalPlatform?: boolean;
  /** Other URLs of the same software (a Developers Italia export entry). */
  aliases?: readonly string[];
  vitality?: number | null;
}

export interface ImportResult {
  importStatus: ImportStatus;
  blockReason?: BlockReason;
  conformance: Conformance;
  /** Sorted by position; file-level issues (line 0) first. */
  issues: PubliccodeIssue[];
  card?: SolutionCard;
  /** `publiccodeYmlVersion` as written (null when absent or unreadable). */
  declaredVersion: string | null;
  detectedLegacyIt: boolean;
}

/** Bytes (an uploaded file, a ZIP entry) or text (a Developers Italia export's `publiccodeYml`). */
export function importPubliccode(input: Uint8Array | string, options: ImportOptions): ImportResult {
  const parsed = typeof input === "string" ? parsePubliccodeText(input) : parsePubliccodeBytes(input);
  if (!parsed.ok) {
    const { reason } = parsed;
    return {
      importStatus: "BLOCKED",
      blockReason: reason,
      conformance: "INVALID",
      issues: [issue("error", reason.code, "", reason.message, [reason.line ?? 0, reason.column ?? 0])],
      declaredVersion: null,
      detectedLegacyIt: false,
    };
  }
  const decoded = decodePubliccode(parsed.doc, parsed.root, parsed.lines);
  const conformance = checkConformance(parsed, decoded, { ipa: options.ipa });
  const issues = [...conformance.issues];
  if (parsed.bomStripped) {
    issues.push(issue("info", "bom", "", "Il file inizia con un BOM UTF-8, ignorato."));
  }
  const file = decoded.tolerant;
  const result = (extra: Partial<ImportResult>): ImportResult => {
    const sorted = sortIssues(issues);
    const hasError = sorted.some((i) => i.severity === "error");
    return {
      importStatus: hasError ? "IMPORTED_WITH_ISSUES" : "IMPORTED",
      conformance: hasError
        ? "INVALID"
        : sorted.some((i) => i.severity === "warning")
          ? "VALID_WITH_WARNINGS"
          : "VALID",
      issues: sorted,
      declaredVersion: conformance.version.declared,
      detectedLegacyIt: file.it !== undefined,
      ...extra,
    };
  };
  const blockedBy = (reason: BlockReason) => result({ importStatus: "BLOCKED", blockReason: reason });

  if (conformance.version.unsupported || conformance.version.effective === null) {
    return blockedBy({
      code: "VERSION_UNSUPPORTED",
      message: `La versione "${conformance.version.declared}" di publiccode.yml non è ancora supportata.`,
    });
  }
  const loc = locator(parsed.root, parsed.lines);
  if (!file.name?.trim()) {
    const [line, column] = loc.at("name");
    return blockedBy({ code: "NAME_MISSING", message: "Manca il nome del software («name»).", line, column });
  }
  if (!file.url || normaliseRepositoryUrl(file.url) === null) {
    const [line, column] = loc.at("url");
    return blockedBy({
      code: "URL_INVALID",
      message:
        "Manca l'indirizzo del repository («url») o non è un URL assoluto (https://…): è ciò che identifica il software.",
      line,
      column,
    });
  }
  const normalised = normalisePubliccode(
    { file, declaredVersion: conformance.version.declared, version: conformance.version.effective, at: loc.at },
    options,
  );
  issues.push(...normalised.issues);
  return result({ card: normalised.card });
}

function sortIssues(issues: PubliccodeIssue[]): PubliccodeIssue[] {
  return issues
    .map((value, index) => ({ value, index }))
    .sort((a, b) => a.value.line - b.value.line || a.value.column - b.value.column || a.index - b.index)
    .map(({ value }) => value);
}
