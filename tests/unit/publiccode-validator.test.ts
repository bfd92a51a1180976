// Agreement with the official validator (italia/publiccode-parser-go) on its own labelled test
// files (tests/fixtures/publiccode-validator, EUPL-1.2): every file gets the verdict of its folder,
// and for the files with warnings or errors, the same keys, severities, lines and columns as
// v0_test.go lists (transcribed into expected.json by scripts/publiccode-validator-expectations.mjs).
// What the validator checks outside the YAML (URL reachability, files, image formats, oEmbed) is
// not checked offline on purpose: the files whose expectation includes such a check are listed
// below with the reason, and compared on the rest of their expectation.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importPubliccode, type ImportResult } from "~/domain/publiccode";

const ROOT = join(process.cwd(), "tests/fixtures/publiccode-validator");
const TODAY = "2026-12-04";

interface Expected {
  severity: "error" | "warning";
  key: string;
  message: string;
  line: number;
  column: number;
}
interface Table {
  test: string;
  dir: string;
  network: boolean;
  expected: Record<string, Expected[]>;
}
const fixtures = JSON.parse(readFileSync(join(ROOT, "expected.json"), "utf8")) as {
  valid: { test: string; glob: string; network: boolean }[];
  tables: Table[];
};

// The validator's iPA list is not bundled (docs/publiccode-import.md): the test passes the codes
// its valid files use, so the unknown ones (`no_such_pa`, `NO_SUCH_IPA_CODE`) are refused as there.
const IPA = new Set(["pcm", "c_h501"]);

/** Messages of checks on resources outside the YAML. */
const EXTERNAL =
  /not reachable|is not a valid code repository|no such file|invalid file extension|image: unknown format|is not an image|oEmbed|does not exist|HTTP GET failed/;

/** Every file whose expectation needs a resource outside the YAML, and why. */
const NEEDS_EXTERNAL: Record<string, string> = {
  "v0/invalid/url_invalid.yml": "reachability of `url` and whether it is a code repository (network)",
  "v0/invalid/landingURL_invalid.yml": "reachability of `landingURL` (network)",
  "v0/invalid/roadmap_invalid.yml": "reachability of `roadmap` (network)",
  "v0/invalid/description_en_documentation_invalid.yml": "reachability of `documentation` (network)",
  "v0/invalid/description_en_apiDocumentation_invalid.yml": "reachability of `apiDocumentation` (network)",
  "v0/invalid/description_en_videos_invalid.yml": "the oEmbed provider of the video (network)",
  "v0/invalid/description_en_videos_invalid_oembed.yml": "the oEmbed provider of the video (network)",
  "v0/invalid/logo_missing_url.yml": "downloading the logo (network)",
  "v0/invalid/logo_missing_file.yml": "the logo file existing in the repository",
  "v0/invalid/logo_unsupported_extension.yml": "the logo file's format",
  "v0/invalid/monochromeLogo_missing_file.yml": "the monochrome logo file existing in the repository",
  "v0/invalid/monochromeLogo_unsupported_extension.yml": "the monochrome logo file's format",
  "v0/invalid/description_en_screenshots_missing_file.yml": "the screenshot file existing in the repository",
  "v0/invalid/legal_authorsFile_missing_file.yml": "the authors file existing in the repository",
  "v0/invalid/no-network/logo_missing_file.yml": "the logo file existing in the repository",
  "v0/invalid/no-network/logo_invalid_png.yml": "the logo file being a PNG image",
  "v0/invalid/no-network/monochromeLogo_invalid_png.yml": "the monochrome logo file being a PNG image",
};

/** The validator refuses these before any key is read; Capacitas blocks them (§6.1). */
const BLOCKED: Record<string, { code: string; line: number }> = {
  "v0/invalid/file_encoding.yml": { code: "INVALID_UTF8", line: 0 },
  "v0/invalid/invalid_yaml.yml": { code: "NOT_YAML", line: 38 },
};

function run(path: string): ImportResult {
  return importPubliccode(readFileSync(join(ROOT, path)), { today: TODAY, ipa: IPA });
}

const summary = (list: { severity: string; key: string; line: number; column: number }[]) =>
  list.map((i) => `${i.severity} ${i.key} @${i.line}:${i.column}`).sort();

function verdictOf(expected: Expected[]) {
  if (expected.some((e) => e.severity === "error")) return "INVALID";
  return expected.length > 0 ? "VALID_WITH_WARNINGS" : "VALID";
}

function yamlFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir))
    .filter((name) => name.endsWith(".yml"))
    .sort();
}

const cases = fixtures.tables.flatMap((table) =>
  Object.entries(table.expected).map(([file, expected]) => ({ path: table.dir + file, expected })),
);

describe("the validator's labelled files", () => {
  it("has an expectation for every file of every folder, and a file for every expectation", () => {
    for (const table of fixtures.tables) {
      expect(Object.keys(table.expected).sort()).toEqual(yamlFiles(table.dir));
    }
    expect(fixtures.valid.map((v) => v.glob).sort()).toEqual(["v0/valid/*.yml", "v0/valid/no-network/*.yml"]);
  });

  it("lists explicitly every file whose expectation needs the network or a file", () => {
    const external = cases.filter((c) => c.expected.some((e) => EXTERNAL.test(e.message))).map((c) => c.path);
    expect(external.sort()).toEqual(Object.keys(NEEDS_EXTERNAL).sort());
  });

  it.each(fixtures.valid.flatMap((v) => yamlFiles(v.glob.replace("*.yml", "")).map((f) => v.glob.replace("*.yml", f))))(
    "%s is valid, with no error or warning",
    (path) => {
      const result = run(path);
      expect(summary(result.issues.filter((i) => i.severity !== "info"))).toEqual([]);
      expect(result.conformance).toBe("VALID");
      expect(result.importStatus).toBe("IMPORTED");
      expect(result.card).toBeDefined();
    },
  );

  it.each(cases)("$path gives the validator's issues", ({ path, expected }) => {
    const result = run(path);
    const blocked = BLOCKED[path];
    if (blocked) {
      expect(result.importStatus).toBe("BLOCKED");
      expect(result.blockReason?.code).toBe(blocked.code);
      expect(result.blockReason?.line ?? 0).toBe(blocked.line);
      expect(result.conformance).toBe("INVALID");
      expect(expected.map((e) => e.key)).toEqual([""]);
      return;
    }
    const offline = expected.filter((e) => !EXTERNAL.test(e.message));
    expect(summary(result.issues.filter((i) => i.severity !== "info"))).toEqual(summary(offline));
    expect(result.conformance).toBe(verdictOf(offline));
    // The folder's verdict, unless what made the file invalid is only a check outside the YAML.
    const folder = path.includes("/invalid/") ? "INVALID" : "VALID_WITH_WARNINGS";
    if (!NEEDS_EXTERNAL[path]) expect(result.conformance).toBe(folder);
  });

  it("agrees with the validator on every file that needs no network or file (counted)", () => {
    let agree = 0;
    let partial = 0;
    for (const { path, expected } of cases) {
      const result = run(path);
      const offline = expected.filter((e) => !EXTERNAL.test(e.message));
      const same = BLOCKED[path]
        ? result.importStatus === "BLOCKED"
        : JSON.stringify(summary(result.issues.filter((i) => i.severity !== "info"))) ===
          JSON.stringify(summary(offline));
      if (same && NEEDS_EXTERNAL[path]) partial++;
      else if (same) agree++;
    }
    const valid = fixtures.valid.reduce((n, v) => n + yamlFiles(v.glob.replace("*.yml", "")).length, 0);
    // 126 labelled files agree in full, 17 on everything but their external checks; plus the valid ones.
    expect({ agree, partial, valid }).toEqual({ agree: 126, partial: 17, valid: 30 });
  });
});
