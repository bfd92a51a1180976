/**
 * SPDX licence expressions (`legal.license`), checked as the validator checks them
 * (github/go-spdx `ValidateLicenses`: identifiers in any case, deprecated ones accepted,
 * `+`, `WITH <exception>`, `AND`, `OR`, parentheses, `LicenseRef-…`) and canonicalised for the
 * card: `apache-2.0` → `Apache-2.0`, `AGPL-3.0` → `AGPL-3.0-only`, `GPL-2.0+` →
 * `GPL-2.0-or-later` (PHASE2.md §6.3).
 */
import { SPDX_DEPRECATED_LICENCE_IDS, SPDX_EXCEPTION_IDS, SPDX_LICENCE_IDS } from "~/domain/publiccode/spdx-ids";

const byLowerCase = (ids: readonly string[]) => new Map(ids.map((id) => [id.toLowerCase(), id]));
const LICENCES = byLowerCase(SPDX_LICENCE_IDS);
const DEPRECATED = byLowerCase(SPDX_DEPRECATED_LICENCE_IDS);
const EXCEPTIONS = byLowerCase(SPDX_EXCEPTION_IDS);

/** GNU licences whose bare id is deprecated: `X` means `X-only`, `X+` means `X-or-later`. */
const GNU_ONLY = new Set(["AGPL-1.0", "AGPL-3.0", "GFDL-1.1", "GFDL-1.2", "GFDL-1.3", "GPL-1.0", "GPL-2.0", "GPL-3.0"]);
const GNU_ONLY_LGPL = new Set(["LGPL-2.0", "LGPL-2.1", "LGPL-3.0"]);
/** Deprecated ids the SPDX list replaces with an expression. */
const REPLACED: Record<string, string> = {
  "GPL-2.0-with-GCC-exception": "GPL-2.0-only WITH GCC-exception-2.0",
  "GPL-2.0-with-autoconf-exception": "GPL-2.0-only WITH Autoconf-exception-2.0",
  "GPL-2.0-with-bison-exception": "GPL-2.0-only WITH Bison-exception-2.2",
  "GPL-2.0-with-classpath-exception": "GPL-2.0-only WITH Classpath-exception-2.0",
  "GPL-2.0-with-font-exception": "GPL-2.0-only WITH Font-exception-2.0",
  "GPL-3.0-with-GCC-exception": "GPL-3.0-only WITH GCC-exception-3.1",
  "GPL-3.0-with-autoconf-exception": "GPL-3.0-only WITH Autoconf-exception-3.0",
  "eCos-2.0": "GPL-2.0-or-later WITH eCos-exception-2.0",
  wxWindows: "GPL-2.0-or-later WITH WxWindows-exception-3.1",
  "StandardML-NJ": "SMLNJ",
  "BSD-2-Clause-NetBSD": "BSD-2-Clause",
  "BSD-2-Clause-FreeBSD": "BSD-2-Clause-Views",
};

type Node =
  | { t: "licence"; id: string; plus: boolean; deprecated: boolean }
  | { t: "ref"; id: string }
  | { t: "with"; licence: Node; exception: string }
  | { t: "and" | "or"; items: Node[] };

export interface SpdxResult {
  valid: boolean;
  /** The expression rewritten with canonical ids; undefined when it is not valid. */
  canonical?: string;
  /** The licence ids it names, canonical (for the "licenza" filter and an OSI lookup). */
  licences: string[];
  /** Deprecated ids found, as written. */
  deprecated: string[];
}

export function checkSpdxExpression(expression: string): SpdxResult {
  const tokens = expression.match(/\(|\)|[^\s()]+/g) ?? [];
  let position = 0;
  const deprecated: string[] = [];
  const peek = () => tokens[position];
  const isOperator = (token: string | undefined, operator: string) => token?.toUpperCase() === operator;

  const simple = (): Node | null => {
    const token = tokens[position++];
    if (token === undefined) return null;
    if (token === "(") {
      const inner = or();
      if (inner === null || tokens[position++] !== ")") return null;
      return inner;
    }
    if (/^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/.test(token)) return { t: "ref", id: token };
    const plus = token.endsWith("+");
    const bare = plus ? token.slice(0, -1) : token;
    const current = LICENCES.get(bare.toLowerCase());
    if (current) return { t: "licence", id: current, plus, deprecated: false };
    const old = DEPRECATED.get(bare.toLowerCase());
    if (old) {
      deprecated.push(token);
      return { t: "licence", id: old, plus, deprecated: true };
    }
    return null;
  };
  const withExpression = (): Node | null => {
    const licence = simple();
    if (licence === null) return null;
    if (!isOperator(peek(), "WITH")) return licence;
    position++;
    const exception = EXCEPTIONS.get((tokens[position++] ?? "").toLowerCase());
    return exception ? { t: "with", licence, exception } : null;
  };
  const sequence = (operator: "AND" | "OR", next: () => Node | null): Node | null => {
    const first = next();
    if (first === null) return null;
    const items = [first];
    while (isOperator(peek(), operator)) {
      position++;
      const item = next();
      if (item === null) return null;
      items.push(item);
    }
    return items.length === 1 ? first : { t: operator === "AND" ? "and" : "or", items };
  };
  const and = () => sequence("AND", withExpression);
  const or = () => sequence("OR", and);

  const tree = tokens.length === 0 ? null : or();
  if (tree === null || position !== tokens.length) return { valid: false, licences: [], deprecated };
  const licences = new Set<string>();
  const canonical = render(tree, licences);
  return { valid: true, canonical, licences: [...licences], deprecated };
}

function render(node: Node, licences: Set<string>): string {
  switch (node.t) {
    case "ref":
      return node.id;
    case "licence": {
      const text = canonicalLicence(node.id, node.plus);
      for (const match of text.matchAll(/[^\s()]+/g)) {
        if (match[0] !== "WITH" && !EXCEPTIONS.has(match[0].toLowerCase())) licences.add(match[0].replace(/\+$/, ""));
      }
      return text;
    }
    case "with": {
      const licence = render(node.licence, licences);
      return `${licence} WITH ${node.exception}`;
    }
    case "and":
    case "or": {
      const text = node.items
        .map((item) => {
          const inner = render(item, licences);
          // AND binds tighter than OR: an OR inside an AND keeps its parentheses.
          return node.t === "and" && item.t === "or" ? `(${inner})` : inner;
        })
        .join(node.t === "and" ? " AND " : " OR ");
      return text;
    }
  }
}

function canonicalLicence(id: string, plus: boolean): string {
  if (GNU_ONLY.has(id) || GNU_ONLY_LGPL.has(id)) return `${id}-${plus ? "or-later" : "only"}`;
  const replaced = REPLACED[id];
  // A `+` after an id the list replaces with a whole expression adds nothing that can be kept.
  if (replaced) return replaced;
  return plus ? `${id}+` : id;
}
