/**
 * Bytes → one YAML mapping with positions, or the reason the file is BLOCKED (PHASE2.md §6.1,
 * §6.3). Pure: the caller reads the file (or the ZIP entry, or the DI export string) and hands
 * the bytes over. `yaml` (eemeli/yaml, YAML 1.2 core schema, like the validator's parser) keeps
 * every node's offset, and the LineCounter turns offsets into the line/column of each issue.
 */
import { LineCounter, isMap, parseAllDocuments, type Document, type YAMLMap } from "yaml";
import { MAX_ALIAS_COUNT, MAX_FILE_BYTES } from "~/domain/publiccode/constants";
import type { BlockReason } from "~/domain/publiccode/issues";

export interface ParsedYaml {
  ok: true;
  text: string;
  doc: Document.Parsed;
  root: YAMLMap.Parsed;
  lines: LineCounter;
  /** A UTF-8 byte order mark was removed (an info issue). */
  bomStripped: boolean;
}

export interface BlockedYaml {
  ok: false;
  reason: BlockReason;
}

const BOM = [0xef, 0xbb, 0xbf];

export function parsePubliccodeBytes(bytes: Uint8Array): ParsedYaml | BlockedYaml {
  if (bytes.length > MAX_FILE_BYTES) {
    return blocked(
      "TOO_LARGE",
      `Il file pesa ${bytes.length} byte: supera il limite di ${MAX_FILE_BYTES / 1024} KiB per un publiccode.yml.`,
    );
  }
  const bomStripped = BOM.every((b, i) => bytes[i] === b);
  let text: string;
  try {
    // fatal: a single invalid byte refuses the file instead of turning into U+FFFD.
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bomStripped ? bytes.subarray(3) : bytes);
  } catch {
    return blocked("INVALID_UTF8", "Il file non è codificato in UTF-8 valido: va salvato in UTF-8.");
  }
  return parsePubliccodeText(text, bomStripped);
}

/** The same checks on text already decoded (a DI export's `publiccodeYml` string). */
export function parsePubliccodeText(text: string, bomStripped = false): ParsedYaml | BlockedYaml {
  if (text.startsWith("\uFEFF")) {
    text = text.slice(1);
    bomStripped = true;
  }
  const lines = new LineCounter();
  // Duplicate keys are not refused: the validator's decoder keeps the last one, and so does decode.ts.
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  if (docs.length === 0) return blocked("EMPTY", "Il file è vuoto.");
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) {
      // The parser points at the whitespace before the bad token; the validator names the token's
      // line (column 1), so skip blanks and comments first.
      const line = lines.linePos(significantOffset(text, error.pos[0])).line;
      return blocked("NOT_YAML", `Il file non è YAML valido (riga ${line}): ${firstLine(error.message)}.`, line, 1);
    }
  }
  if (docs.length > 1) {
    const second = lines.linePos(docs[1]!.range[0]);
    return blocked(
      "MULTIPLE_DOCUMENTS",
      "Il file contiene più documenti YAML (separati da «---»): un publiccode.yml ne ha uno solo.",
      second.line,
      second.col,
    );
  }
  const doc = docs[0]!;
  const root = doc.contents;
  if (root === null || (!isMap(root) && isNullScalar(root))) return blocked("EMPTY", "Il file non contiene dati.");
  if (!isMap(root)) {
    const position = lines.linePos(root.range[0]);
    return blocked(
      "NOT_A_MAPPING",
      "Il file non è una mappa di chiavi (come «name: …», «url: …»): non è un publiccode.yml.",
      position.line,
      position.col,
    );
  }
  try {
    // Expanding the aliases once, with the cap, is what refuses a "billion laughs" document.
    // mapAsMap: a key that is itself a mapping stays a Map key (no stringification warning).
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT, mapAsMap: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : "";
    const unresolved = /^Unresolved alias[^:]*: (.*)$/.exec(message);
    if (unresolved) {
      return blocked(
        "NOT_YAML",
        `Il file non è YAML valido: l'alias «*${unresolved[1]}» non ha un'ancora «&${unresolved[1]}» prima di sé.`,
      );
    }
    if (/alias count/i.test(message)) {
      return blocked(
        "ALIAS_BOMB",
        `Il file usa gli alias YAML (*nome) oltre il limite di ${MAX_ALIAS_COUNT} espansioni: è rifiutato per sicurezza.`,
      );
    }
    return blocked("NOT_YAML", "Il file non è YAML valido: i suoi valori non si possono leggere.");
  }
  return { ok: true, text, doc, root, lines, bomStripped };
}

function significantOffset(text: string, offset: number): number {
  let i = offset;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) i++;
    else if (text[i] === "#") {
      const end = text.indexOf("\n", i);
      i = end === -1 ? text.length : end;
    } else return i;
  }
  return Math.min(offset, Math.max(0, text.length - 1));
}

function isNullScalar(node: unknown): boolean {
  return typeof node === "object" && node !== null && "value" in node && (node as { value: unknown }).value === null;
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.replace(/\s+at line \d+, column \d+:?$/, "");
}

function blocked(code: BlockReason["code"], message: string, line?: number, column?: number): BlockedYaml {
  return { ok: false, reason: line === undefined ? { code, message } : { code, message, line, column } };
}
