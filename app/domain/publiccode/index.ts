/**
 * The publiccode.yml import (PHASE2.md §6), pure: `importPubliccode` for one file,
 * `readDevelopersItaliaExport` for a Developers Italia API export, `checkArchiveEntryName` for
 * the entries of an uploaded ZIP. docs/publiccode-import.md gives the rules.
 */
export {
  importPubliccode,
  type Conformance,
  type ImportOptions,
  type ImportResult,
  type ImportStatus,
} from "~/domain/publiccode/import";
export type { IpaRegistry } from "~/domain/publiccode/conformance";
export type { BlockCode, BlockReason, IssueSeverity, PubliccodeIssue } from "~/domain/publiccode/issues";
export type { SolutionCard, SolutionOrigin, OwnerKind, MaintenanceStatus } from "~/domain/publiccode/normalise";
export { normaliseRepositoryUrl } from "~/domain/publiccode/normalise";
export { checkArchiveEntryName, type ArchiveEntryVerdict } from "~/domain/publiccode/archive";
export { readDevelopersItaliaExport, type DiExportEntry, type DiExportResult } from "~/domain/publiccode/di-export";
export { MAX_ARCHIVE_BYTES, MAX_ARCHIVE_ENTRIES, MAX_FILE_BYTES } from "~/domain/publiccode/constants";
