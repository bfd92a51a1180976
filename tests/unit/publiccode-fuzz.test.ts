// 1,000 deterministic mutations of real publiccode.yml files (seeded PRNG): every one gets a
// result, never an exception, and the result is consistent (a card unless BLOCKED, a reason when
// BLOCKED, every issue with a key, a message and a position).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importPubliccode, readDevelopersItaliaExport, type ImportResult } from "~/domain/publiccode";

const SOURCES = [
  join(process.cwd(), "tests/fixtures/publiccode-catalogue"),
  join(process.cwd(), "tests/fixtures/publiccode-validator/v0/valid"),
  join(process.cwd(), "tests/fixtures/publiccode-validator/v0/valid_with_warnings"),
];
const seeds = SOURCES.flatMap((dir) =>
  readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => readFileSync(join(dir, name))),
);

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  ":",
  "- ",
  "[",
  "]",
  "{",
  "}",
  "&a ",
  "*a",
  "*nope",
  "!!binary ",
  "!!str ",
  "? ",
  "|",
  ">",
  "#",
  "---\n",
  "...\n",
  '"',
  "'",
  "\t",
  "  ",
  "~",
  "null",
  "true",
  "yes",
  "0.4",
  "1e3",
  "-1",
  "2020-13-45",
  "<<: *a",
  "\u00e8",
  "\u{1F600}",
  "\u0000",
  "\uFEFF",
  "IT:",
  "it:",
  "description:",
  "en_GB:",
  "alias:spid",
  "urn:x-italian-pa:",
  "\r\n",
];

function mutate(source: Uint8Array, random: () => number): Uint8Array {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  let bytes = Uint8Array.from(source);
  const rounds = 1 + Math.floor(random() * 4);
  for (let round = 0; round < rounds; round++) {
    const text = new TextDecoder().decode(bytes);
    const lines = text.split("\n");
    const at = Math.floor(random() * lines.length);
    switch (Math.floor(random() * 9)) {
      case 0: // drop a line
        lines.splice(at, 1);
        break;
      case 1: // duplicate a line
        lines.splice(at, 0, lines[at] ?? "");
        break;
      case 2: // swap two lines
        {
          const other = Math.floor(random() * lines.length);
          [lines[at], lines[other]] = [lines[other] ?? "", lines[at] ?? ""];
        }
        break;
      case 3: // shift the indentation
        lines[at] = random() < 0.5 ? ` ${lines[at]}` : (lines[at] ?? "").replace(/^ /, "");
        break;
      case 4: // insert a YAML token
        {
          const line = lines[at] ?? "";
          const column = Math.floor(random() * (line.length + 1));
          lines[at] = line.slice(0, column) + pick(TOKENS) + line.slice(column);
        }
        break;
      case 5: // replace a value
        lines[at] = (lines[at] ?? "").replace(/:\s.*$/, `: ${pick(TOKENS)}`);
        break;
      case 6: // truncate
        lines.length = Math.max(1, at);
        break;
      case 7: // flip raw bytes (may make it invalid UTF-8)
        {
          const raw = new TextEncoder().encode(lines.join("\n"));
          for (let i = 0; i < 3 && raw.length > 0; i++)
            raw[Math.floor(random() * raw.length)] = Math.floor(random() * 256);
          bytes = raw;
        }
        continue;
      default: // nest a line under the previous key
        lines[at] = `    ${lines[at] ?? ""}`;
    }
    bytes = new TextEncoder().encode(lines.join("\n"));
  }
  return bytes;
}

function consistent(result: ImportResult) {
  expect(["BLOCKED", "IMPORTED_WITH_ISSUES", "IMPORTED"]).toContain(result.importStatus);
  expect(["VALID", "VALID_WITH_WARNINGS", "INVALID"]).toContain(result.conformance);
  if (result.importStatus === "BLOCKED") {
    expect(result.blockReason?.message).toMatch(/\S/);
    expect(result.card).toBeUndefined();
  } else {
    expect(result.card?.name).toMatch(/\S/);
    expect(result.card?.url).toMatch(/^[a-z][a-z0-9+.-]*:\/\//);
  }
  if (result.importStatus === "IMPORTED") expect(result.conformance).not.toBe("INVALID");
  for (const issue of result.issues) {
    expect(typeof issue.key).toBe("string");
    expect(issue.message).toMatch(/\S/);
    expect(Number.isInteger(issue.line) && issue.line >= 0).toBe(true);
    expect(Number.isInteger(issue.column) && issue.column >= 0).toBe(true);
  }
}

describe("fuzzing the import", () => {
  it("returns a consistent result for 1,000 mutated real files", () => {
    const random = prng(20261204);
    const statuses: Record<string, number> = {};
    for (let i = 0; i < 1000; i++) {
      const input = mutate(seeds[Math.floor(random() * seeds.length)]!, random);
      let result: ImportResult | undefined;
      expect(() => {
        result = importPubliccode(input, { today: "2026-12-04" });
      }, `mutation ${i}`).not.toThrow();
      consistent(result!);
      statuses[result!.importStatus] = (statuses[result!.importStatus] ?? 0) + 1;
    }
    // The mutations reach every outcome, so the run exercises more than the parser's refusals.
    expect(Object.keys(statuses).sort()).toEqual(["BLOCKED", "IMPORTED", "IMPORTED_WITH_ISSUES"]);
    expect(statuses.IMPORTED_WITH_ISSUES).toBeGreaterThan(100);
  });

  it("reads a Developers Italia export of mutated entries without throwing", () => {
    const random = prng(7);
    const data = Array.from({ length: 50 }, (_, i) => ({
      id: String(i),
      url: `https://example.org/repo-${i}`,
      publiccodeYml: new TextDecoder().decode(mutate(seeds[i % seeds.length]!, random)),
      vitality: random() < 0.5 ? "1,2,x" : [random() * 200 - 50],
    }));
    const { entries } = readDevelopersItaliaExport(JSON.stringify({ data }), { today: "2026-12-04" });
    expect(entries).toHaveLength(50);
    for (const entry of entries) {
      consistent(entry.result!);
      expect(entry.vitality === null || (entry.vitality >= 0 && entry.vitality <= 100)).toBe(true);
    }
  });
});
