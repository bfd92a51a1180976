/**
 * Where an issue points, computed the way the official validator computes it (its
 * `getPositionInFile`/`findKeyPos` and `findKeyAtLine` over the YAML AST), so line and column
 * agree with it: a key path such as `maintenance.contractors[0].until` or
 * `description[en-GB].features` is looked up in the file; a key that is absent points at the
 * first key of its mapping (or at the `{` of a flow mapping), and 0,0 when even its parent is
 * absent. A type error's key is the key path found on the line of the offending value.
 */
import { isAlias, isMap, isScalar, isSeq, type LineCounter, type YAMLMap } from "yaml";
import { keyText } from "~/domain/publiccode/decode";

export type Position = readonly [line: number, column: number];

export interface Locator {
  /** The position of a validator key path. */
  at(key: string): Position;
  /** The key path whose key (or list item) starts on a line: the validator's name for a decode error. */
  keyAtLine(line: number): string;
}

export function locator(root: YAMLMap.Parsed, lines: LineCounter): Locator {
  const start = (node: unknown): Position => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (!range) return [0, 0];
    const position = lines.linePos(range[0]);
    return [position.line, position.col];
  };

  const find = (node: unknown, parts: string[]): Position => {
    if (node === null || node === undefined || parts.length === 0) return [0, 0];
    const part = parts[0]!;
    let base = part;
    let index = -1;
    let mapKey = "";
    const bracket = part.lastIndexOf("[");
    if (bracket >= 0 && part.endsWith("]")) {
      const inside = part.slice(bracket + 1, -1);
      if (/^[0-9]+$/.test(inside)) {
        index = Number(inside);
        base = part.slice(0, bracket);
      } else if (inside !== "") {
        mapKey = inside;
        base = part.slice(0, bracket);
      }
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        if (keyText(pair.key) !== base) continue;
        if (index >= 0) {
          const value = pair.value;
          if (!isSeq(value) || index >= value.items.length) return start(pair.key);
          const element = value.items[index];
          return parts.length === 1 ? start(element) : find(element, parts.slice(1));
        }
        if (mapKey !== "") return find(pair.value, [mapKey, ...parts.slice(1)]);
        if (parts.length === 1) return start(pair.key);
        return find(pair.value, parts.slice(1));
      }
      if (node.flow) return start(node);
      if (parts.length === 1 && node.items.length > 0) return start(node.items[0]!.key);
      return [0, 0];
    }
    // A scalar, a list or an alias where a mapping was expected: the value itself.
    return start(node);
  };

  const atLine = (node: unknown, line: number, prefix: string): string => {
    if (isAlias(node) || node === null || node === undefined) return "";
    if (isMap(node)) {
      for (const pair of node.items) {
        const name = keyText(pair.key);
        const full = prefix === "" ? name : `${prefix}.${name}`;
        if (start(pair.key)[0] === line) return full;
        const below = atLine(pair.value, line, full);
        if (below !== "") return below;
      }
      return "";
    }
    if (isSeq(node)) {
      for (const [i, entry] of node.items.entries()) {
        const key = `${prefix}[${i}]`;
        if (start(entry)[0] === line) return key;
        const below = atLine(entry, line, key);
        if (below !== "") return below;
      }
    }
    if (isScalar(node)) return "";
    return "";
  };

  return {
    at: (key) => (key === "" ? [0, 0] : find(root, key.split("."))),
    keyAtLine: (line) => atLine(root, line, ""),
  };
}
