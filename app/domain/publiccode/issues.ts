/**
 * What the publiccode.yml import reports (PHASE2.md §3.3 `PubliccodeRecord.issues`, §6.3).
 * `error` and `warning` follow the official validator's classification, so `conformance` says
 * what it would say offline; `info` is Capacitas' own note and never changes conformance.
 */
export type IssueSeverity = "error" | "warning" | "info";

export interface PubliccodeIssue {
  /** The key path as the official validator names it (`description.en.features`, `supports[0].id`); "" for the file. */
  key: string;
  severity: IssueSeverity;
  /** A stable machine code (`required`, `wrong-type`, `unknown-key`, `deprecated`, …). */
  code: string;
  /** Italian, for the catalogue page and the batch row. */
  message: string;
  /** 1-based; 0 when the key is not in the file (as the validator reports it). */
  line: number;
  column: number;
}

/** Why a file gets no catalogue card (§6.3 BLOCKED). */
export type BlockCode =
  | "TOO_LARGE"
  | "INVALID_UTF8"
  | "NOT_YAML"
  | "MULTIPLE_DOCUMENTS"
  | "EMPTY"
  | "NOT_A_MAPPING"
  | "ALIAS_BOMB"
  | "NAME_MISSING"
  | "URL_INVALID"
  | "VERSION_UNSUPPORTED";

export interface BlockReason {
  code: BlockCode;
  message: string;
  line?: number;
  column?: number;
}

export function issue(
  severity: IssueSeverity,
  code: string,
  key: string,
  message: string,
  position: readonly [number, number] = [0, 0],
): PubliccodeIssue {
  return { key, severity, code, message, line: position[0], column: position[1] };
}
