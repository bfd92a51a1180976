/**
 * The YAML mapping → the publiccode.yml v0 structure, with the official validator's typing
 * (`PublicCodeV0` in italia/publiccode-parser-go, decoded by goccy/go-yaml with
 * `DisallowUnknownField`). One walk gives two views:
 * - `tolerant`: every well-typed value, unknown keys ignored (what the catalogue card reads);
 * - `official`: the same, less every top-level field in which a type error or an unknown key
 *   occurred. The Go decoder drops such a field whole (the struct or map that failed is never
 *   assigned), which is why a wrong `description.en.localisedName` also yields "description must
 *   contain more than 0 items" there; conformance checks this view so it says what the
 *   validator says.
 * Scalars decode into strings whatever their YAML type (`softwareVersion: 1.0`), as the Go decoder
 * casts numbers and booleans to a string field; booleans accept only YAML booleans (`yes` and
 * `"true"` are a wrong type, as in the validator's yaml11 tests).
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type YAMLMap } from "yaml";

export interface Organisation {
  name?: string;
  uri?: string;
}
export interface Description {
  localisedName?: string;
  genericName?: string;
  shortDescription?: string;
  longDescription?: string;
  documentation?: string;
  apiDocumentation?: string;
  features?: string[];
  screenshots?: string[];
  videos?: string[];
  awards?: string[];
}
export interface Contractor {
  name?: string;
  email?: string;
  website?: string;
  until?: string;
}
export interface Contact {
  name?: string;
  email?: string;
  affiliation?: string;
  phone?: string;
}
export interface Dependency {
  name?: string;
  versionMin?: string;
  versionMax?: string;
  version?: string;
  optional?: boolean;
}
export interface ItalianSection {
  countryExtensionVersion?: string;
  conforme?: {
    lineeGuidaDesign?: boolean;
    modelloInteroperabilita?: boolean;
    misureMinimeSicurezza?: boolean;
    gdpr?: boolean;
  };
  riuso?: { codiceIPA?: string };
  piattaforme?: { spid?: boolean; pagopa?: boolean; cie?: boolean; anpr?: boolean; io?: boolean };
}
export interface PubliccodeV0 {
  publiccodeYmlVersion?: string;
  name?: string;
  applicationSuite?: string;
  url?: string;
  landingURL?: string;
  /** Always a list; a single string is a one-item list (the validator's UrlOrUrlArray). */
  isBasedOn?: string[];
  softwareVersion?: string;
  releaseDate?: string;
  logo?: string;
  monochromeLogo?: string;
  organisation?: Organisation;
  inputTypes?: string[];
  outputTypes?: string[];
  platforms?: string[];
  categories?: string[];
  usedBy?: string[];
  fundedBy?: Organisation[];
  roadmap?: string;
  developmentStatus?: string;
  softwareType?: string;
  supports?: { id?: string }[];
  intendedAudience?: { scope?: string[]; countries?: string[]; unsupportedCountries?: string[] };
  /** Entries in file order (a list, so no language key can touch an object's prototype). */
  description?: [string, Description][];
  legal?: { license?: string; mainCopyrightOwner?: string; repoOwner?: string; authorsFile?: string };
  maintenance?: { type?: string; contractors?: Contractor[]; contacts?: Contact[] };
  localisation?: { localisationReady?: boolean; availableLanguages?: string[] };
  dependsOn?: { open?: Dependency[]; proprietary?: Dependency[]; hardware?: Dependency[] };
  IT?: ItalianSection;
  it?: ItalianSection;
}

export interface DecodeError {
  /** A duplicate key is no error for the validator (the last one wins): an info issue. */
  kind: "wrong-type" | "unknown-key" | "duplicate-key";
  /** Line of the offending value (a type error) or key (an unknown key), as the Go decoder reports it. */
  line: number;
  column: number;
  /** The unknown key's own name. */
  name?: string;
  /** The top-level field it sits in (null for an unknown top-level key). */
  top: string | null;
}

export interface Decoded {
  tolerant: PubliccodeV0;
  official: PubliccodeV0;
  errors: DecodeError[];
}

type Spec =
  | { t: "str" }
  | { t: "bool" }
  | { t: "list"; of: Spec }
  | { t: "obj"; fields: Record<string, Spec> }
  | { t: "map"; of: Spec }
  | { t: "strOrList" };

const str: Spec = { t: "str" };
const bool: Spec = { t: "bool" };
const strList: Spec = { t: "list", of: str };
const obj = (fields: Record<string, Spec>): Spec => ({ t: "obj", fields });
const list = (of: Spec): Spec => ({ t: "list", of });

const organisation = obj({ name: str, uri: str });
const dependencies = list(obj({ name: str, versionMin: str, versionMax: str, optional: bool, version: str }));
const italian = obj({
  countryExtensionVersion: str,
  conforme: obj({ lineeGuidaDesign: bool, modelloInteroperabilita: bool, misureMinimeSicurezza: bool, gdpr: bool }),
  riuso: obj({ codiceIPA: str }),
  piattaforme: obj({ spid: bool, pagopa: bool, cie: bool, anpr: bool, io: bool }),
});

/** `PublicCodeV0` of the validator, 0.7 (`supports`) included: one schema for every 0.x file. */
const SCHEMA = obj({
  publiccodeYmlVersion: str,
  name: str,
  applicationSuite: str,
  url: str,
  landingURL: str,
  isBasedOn: { t: "strOrList" },
  softwareVersion: str,
  releaseDate: str,
  logo: str,
  monochromeLogo: str,
  organisation,
  inputTypes: strList,
  outputTypes: strList,
  platforms: strList,
  categories: strList,
  usedBy: strList,
  fundedBy: list(organisation),
  roadmap: str,
  developmentStatus: str,
  softwareType: str,
  supports: list(obj({ id: str })),
  intendedAudience: obj({ scope: strList, countries: strList, unsupportedCountries: strList }),
  description: {
    t: "map",
    of: obj({
      localisedName: str,
      genericName: str,
      shortDescription: str,
      longDescription: str,
      documentation: str,
      apiDocumentation: str,
      features: strList,
      screenshots: strList,
      videos: strList,
      awards: strList,
    }),
  },
  legal: obj({ license: str, mainCopyrightOwner: str, repoOwner: str, authorsFile: str }),
  maintenance: obj({
    type: str,
    contractors: list(obj({ name: str, email: str, website: str, until: str })),
    contacts: list(obj({ name: str, email: str, affiliation: str, phone: str })),
  }),
  localisation: obj({ localisationReady: bool, availableLanguages: strList }),
  dependsOn: obj({ open: dependencies, proprietary: dependencies, hardware: dependencies }),
  IT: italian,
  it: italian,
});

export const TOP_LEVEL_KEYS: readonly string[] = Object.keys((SCHEMA as { fields: Record<string, Spec> }).fields);

/** The text of a mapping key as the Go decoder matches it. */
export function keyText(key: unknown): string {
  if (isScalar(key)) return key.value === null ? "" : String(key.value);
  return "?";
}

interface Walk {
  doc: Document.Parsed;
  lines: LineCounter;
  errors: DecodeError[];
  top: string | null;
}

interface Result {
  value: unknown;
  /** An error happened in this value or below: the Go decoder would not assign it. */
  failed: boolean;
}

const MAX_DEPTH = 64;

export function decodePubliccode(doc: Document.Parsed, root: YAMLMap.Parsed, lines: LineCounter): Decoded {
  const walk: Walk = { doc, lines, errors: [], top: null };
  const tolerant: Record<string, unknown> = {};
  const official: Record<string, unknown> = {};
  const fields = (SCHEMA as { fields: Record<string, Spec> }).fields;
  const seen = new Set<string>();
  for (const pair of root.items) {
    const name = keyText(pair.key);
    if (seen.has(name)) duplicateKey(walk, pair.key, name, null);
    seen.add(name);
    const spec = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (!spec) {
      walk.top = null;
      unknownKey(walk, pair.key, name);
      continue;
    }
    walk.top = name;
    const result = decode(walk, pair.value, spec, false, 0);
    // With a duplicate key the last one wins, as in the Go decoder.
    if (result.value !== undefined) tolerant[name] = result.value;
    else delete tolerant[name];
    if (result.value !== undefined && !result.failed) official[name] = result.value;
    else delete official[name];
  }
  return { tolerant: tolerant as PubliccodeV0, official: official as PubliccodeV0, errors: walk.errors };
}

function decode(walk: Walk, raw: unknown, spec: Spec, inList: boolean, depth: number): Result {
  if (depth > MAX_DEPTH) return wrongType(walk, raw);
  const node = isAlias(raw) ? raw.resolve(walk.doc) : raw;
  if (isAlias(node)) return wrongType(walk, raw);
  const isNull = node === null || node === undefined || (isScalar(node) && node.value === null);
  if (isNull) {
    // A null item of a list is its zero value; a null field is an absent one.
    if (!inList) return { value: undefined, failed: false };
    return { value: spec.t === "str" ? "" : spec.t === "obj" ? {} : undefined, failed: false };
  }
  switch (spec.t) {
    case "str":
      if (!isScalar(node)) return wrongType(walk, raw);
      return { value: scalarText(node), failed: false };
    case "bool":
      if (!isScalar(node) || typeof node.value !== "boolean") return wrongType(walk, raw);
      return { value: node.value, failed: false };
    case "strOrList":
      if (isScalar(node)) return { value: [scalarText(node)], failed: false };
      return decode(walk, node, strList, false, depth + 1);
    case "list": {
      if (!isSeq(node)) return wrongType(walk, raw);
      const items: unknown[] = [];
      let failed = false;
      for (const item of node.items) {
        const result = decode(walk, item, spec.of, true, depth + 1);
        failed ||= result.failed;
        if (result.value !== undefined) items.push(result.value);
      }
      return { value: items, failed };
    }
    case "obj": {
      if (!isMap(node)) return wrongType(walk, raw);
      const value: Record<string, unknown> = {};
      let failed = false;
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const name = keyText(pair.key);
        if (seen.has(name)) duplicateKey(walk, pair.key, name, walk.top);
        seen.add(name);
        const field = Object.hasOwn(spec.fields, name) ? spec.fields[name] : undefined;
        if (!field) {
          unknownKey(walk, pair.key, name);
          failed = true;
          continue;
        }
        const result = decode(walk, pair.value, field, false, depth + 1);
        failed ||= result.failed;
        if (result.value !== undefined) value[name] = result.value;
      }
      return { value, failed };
    }
    case "map": {
      if (!isMap(node)) return wrongType(walk, raw);
      const entries: [string, unknown][] = [];
      let failed = false;
      for (const pair of node.items) {
        const result = decode(walk, pair.value, spec.of, true, depth + 1);
        failed ||= result.failed;
        if (result.value !== undefined) entries.push([keyText(pair.key), result.value]);
      }
      return { value: entries, failed };
    }
  }
}

/** A scalar as a Go string field receives it: its text (`1.10` stays "1.10", not 1.1). */
function scalarText(node: { value: unknown; source?: string }): string {
  if (typeof node.value === "string") return node.value;
  return typeof node.source === "string" && node.source !== "" ? node.source : String(node.value);
}

function startOf(walk: Walk, node: unknown): [number, number] {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  if (!range) return [0, 0];
  const position = walk.lines.linePos(range[0]);
  return [position.line, position.col];
}

function wrongType(walk: Walk, node: unknown): Result {
  const [line, column] = startOf(walk, node);
  walk.errors.push({ kind: "wrong-type", line, column, top: walk.top });
  return { value: undefined, failed: true };
}

function duplicateKey(walk: Walk, key: unknown, name: string, top: string | null) {
  const [line, column] = startOf(walk, key);
  walk.errors.push({ kind: "duplicate-key", line, column, name, top });
}

function unknownKey(walk: Walk, key: unknown, name: string) {
  const [line, column] = startOf(walk, key);
  walk.errors.push({ kind: "unknown-key", line, column, name, top: walk.top });
}
