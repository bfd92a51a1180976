// The publiccode.yml import (PHASE2.md §6): what is BLOCKED and why, the version rules, the
// normalised card (§6.4), the 36 real catalogue files, the Developers Italia export reader and
// the ZIP entry names. The official validator's own files are in publiccode-validator.test.ts.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkArchiveEntryName,
  importPubliccode,
  normaliseRepositoryUrl,
  readDevelopersItaliaExport,
  MAX_FILE_BYTES,
  type ImportOptions,
  type ImportResult,
} from "~/domain/publiccode";

const TODAY = "2026-12-04";
const CATALOGUE = join(process.cwd(), "tests/fixtures/publiccode-catalogue");
const MINIMAL = readFileSync(
  join(process.cwd(), "tests/fixtures/publiccode-validator/v0/valid/valid.minimal.yml"),
  "utf8",
);

function run(input: string | Uint8Array, options: Partial<ImportOptions> = {}): ImportResult {
  return importPubliccode(typeof input === "string" ? new TextEncoder().encode(input) : input, {
    today: TODAY,
    ...options,
  });
}

/** The minimal valid file with one line replaced (`from` must occur in it). */
function minimalWith(from: string, to: string): string {
  expect(MINIMAL).toContain(from);
  return MINIMAL.replace(from, to);
}

const codes = (result: ImportResult, severity?: string) =>
  result.issues.filter((i) => severity === undefined || i.severity === severity).map((i) => `${i.code} ${i.key}`);

describe("BLOCKED files (§6.1, §6.3): no card, an Italian reason", () => {
  it.each([
    ["two YAML documents", `${MINIMAL}\n---\nname: Other\n`, "MULTIPLE_DOCUMENTS", /più documenti YAML/],
    ["a list at the root", "- name: Medusa\n- url: https://example.org/x.git\n", "NOT_A_MAPPING", /non è una mappa/],
    ["a scalar at the root", "just some text\n", "NOT_A_MAPPING", /non è una mappa/],
    ["an empty file", "", "EMPTY", /vuoto/],
    ["only a comment", "# nothing here\n", "EMPTY", /vuoto/],
    ["only a null", "~\n", "EMPTY", /non contiene dati/],
    ["broken YAML", "name: [unclosed\nurl: x\n", "NOT_YAML", /non è YAML valido \(riga \d+\)/],
    ["an alias with no anchor", `${MINIMAL}\nusedBy: *nowhere\n`, "NOT_YAML", /alias «\*nowhere»/],
    ["no name", minimalWith("name: Medusa\n", ""), "NAME_MISSING", /Manca il nome/],
    ["an empty name", minimalWith("name: Medusa\n", 'name: ""\n'), "NAME_MISSING", /Manca il nome/],
    ["a name that is a list", minimalWith("name: Medusa\n", "name: [a, b]\n"), "NAME_MISSING", /Manca il nome/],
    ["no url", minimalWith('url: "https://github.com/italia/developers.italia.it.git"\n', ""), "URL_INVALID", /«url»/],
    [
      "a url that is not absolute",
      minimalWith('url: "https://github.com/italia/developers.italia.it.git"', 'url: "foobar"'),
      "URL_INVALID",
      /non è un URL assoluto/,
    ],
    ["version 1", minimalWith('publiccodeYmlVersion: "0"', 'publiccodeYmlVersion: "1"'), "VERSION_UNSUPPORTED", /1/],
    [
      "an unknown major version",
      minimalWith('publiccodeYmlVersion: "0"', 'publiccodeYmlVersion: "2.0"'),
      "VERSION_UNSUPPORTED",
      /non è ancora supportata/,
    ],
  ])("%s", (_what, text, code, message) => {
    const result = run(text);
    expect(result.importStatus).toBe("BLOCKED");
    expect(result.blockReason?.code).toBe(code);
    expect(result.blockReason?.message).toMatch(message);
    expect(result.card).toBeUndefined();
    expect(result.conformance).toBe("INVALID");
  });

  it("refuses invalid UTF-8", () => {
    const bytes = new TextEncoder().encode(MINIMAL);
    const broken = new Uint8Array([...bytes.subarray(0, 40), 0xc3, 0x28, ...bytes.subarray(40)]);
    const result = run(broken);
    expect(result.blockReason).toMatchObject({ code: "INVALID_UTF8", message: expect.stringMatching(/UTF-8/) });
    expect(result.issues).toEqual([expect.objectContaining({ severity: "error", code: "INVALID_UTF8", key: "" })]);
  });

  it("refuses a file over 256 KiB and reads one at the limit", () => {
    const padded = (size: number) => MINIMAL + "#".repeat(size - new TextEncoder().encode(MINIMAL).length);
    expect(run(padded(MAX_FILE_BYTES)).importStatus).toBe("IMPORTED");
    const over = run(padded(MAX_FILE_BYTES + 1));
    expect(over.blockReason?.code).toBe("TOO_LARGE");
    expect(over.blockReason?.message).toMatch(/256 KiB/);
  });

  it("refuses an alias bomb and reads ordinary aliases", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (const name of ["b", "c", "d", "e"]) {
      const previous = String.fromCharCode(name.charCodeAt(0) - 1);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
    }
    const bomb = run(`${MINIMAL}\n${levels.join("\n")}\n`);
    expect(bomb.blockReason?.code).toBe("ALIAS_BOMB");
    expect(bomb.blockReason?.message).toMatch(/alias/);

    const aliased = run(
      minimalWith("platforms:\n  - web\n", "platforms: &p\n  - web\nusedBy: *p\n").replace(
        "name: Medusa",
        "name: &n Medusa",
      ),
    );
    expect(aliased.importStatus).toBe("IMPORTED");
    expect(aliased.card?.usedBy).toEqual(["web"]);
  });

  it("strips a byte order mark with an info note", () => {
    const result = run(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(MINIMAL)]));
    expect(result.importStatus).toBe("IMPORTED");
    expect(codes(result, "info")).toContain("bom ");
  });

  it("reads duplicate keys as the validator does (the last wins), with an info note", () => {
    const result = run(`${MINIMAL}\nsoftwareVersion: "1.0"\nsoftwareVersion: "2.0"\n`);
    expect(result.importStatus).toBe("IMPORTED");
    expect(result.card?.softwareVersion).toBe("2.0");
    expect(codes(result, "info")).toContain("duplicate-key softwareVersion");
  });
});

describe("publiccodeYmlVersion (§6.2)", () => {
  it.each([
    ['"0"', "0", "VALID"],
    ['"0.7"', "0.7", "VALID"],
    ['"0.7.0"', "0.7.0", "VALID"],
    ['"0.5"', "0.5", "VALID_WITH_WARNINGS"],
    ['"0.2.2"', "0.2.2", "VALID_WITH_WARNINGS"],
  ])("%s is read as %s (%s)", (declared, version, conformance) => {
    const result = run(minimalWith('publiccodeYmlVersion: "0"', `publiccodeYmlVersion: ${declared}`));
    expect(result.card?.version).toBe(version);
    expect(result.conformance).toBe(conformance);
    if (conformance !== "VALID") expect(codes(result, "warning")).toEqual(["version-not-latest publiccodeYmlVersion"]);
  });

  it("treats a missing version as 0.2, with the validator's error", () => {
    const result = run(minimalWith('publiccodeYmlVersion: "0"\n', ""));
    expect(result.importStatus).toBe("IMPORTED_WITH_ISSUES");
    expect(result.card?.version).toBe("0.2");
    expect(result.declaredVersion).toBeNull();
    expect(codes(result, "error")).toEqual(["required publiccodeYmlVersion"]);
    expect(codes(result, "info")).toContain("version-assumed publiccodeYmlVersion");
  });

  it("reads an unquoted 0.4 (a YAML number) as 0.4, with the validator's wrong-type error", () => {
    const result = run(minimalWith('publiccodeYmlVersion: "0"', "publiccodeYmlVersion: 0.4"));
    expect(result.importStatus).toBe("IMPORTED_WITH_ISSUES");
    expect(result.card?.version).toBe("0.4");
    expect(codes(result, "error")).toEqual(["wrong-type publiccodeYmlVersion"]);
    expect(codes(result, "info")).toContain("version-coerced publiccodeYmlVersion");
  });

  it.each([
    ["0.6", "0.5"],
    ["0.1", "0.2"],
  ])("%s, unknown to the validator, is read as %s with an error", (declared, version) => {
    const result = run(minimalWith('publiccodeYmlVersion: "0"', `publiccodeYmlVersion: "${declared}"`));
    expect(result.importStatus).toBe("IMPORTED_WITH_ISSUES");
    expect(result.card?.version).toBe(version);
    expect(codes(result, "error")).toEqual(["version-unsupported publiccodeYmlVersion"]);
  });
});

describe("the card (§6.4)", () => {
  const withItalian = (section: string) => `${MINIMAL}\n${section}\n`;

  it("takes national platforms from IT.piattaforme, overlaid by the supports aliases", () => {
    const result = run(
      withItalian(
        "IT:\n  piattaforme:\n    spid: true\n    cie: false\n    pagopa: false\nsupports:\n  - id: alias:pagopa\n  - id: alias:gdpr\n  - id: alias:nosuch\n  - id: https://eur-lex.europa.eu/eli/reg/2016/679/oj",
      ),
    );
    expect(result.card?.nationalPlatforms).toEqual({
      spid: true,
      cie: false,
      anpr: null,
      pagopa: true,
      io: null,
      pdnd: null,
      send: null,
    });
    expect(result.card?.supports).toEqual([
      "alias:pagopa",
      "alias:gdpr",
      "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
    ]);
    expect(codes(result, "error")).toEqual(["unknown-alias supports[2].id"]);
  });

  it("reads the legacy lowercase it: section like IT, with the validator's warning", () => {
    const result = run(withItalian("it:\n  riuso:\n    codiceIPA: c_h501\n  piattaforme:\n    anpr: true"));
    expect(result.card).toMatchObject({
      detectedLegacyIt: true,
      origin: "REUSE_PA",
      ownerIpa: "c_h501",
      ownerKind: "COMUNE",
    });
    expect(result.card?.nationalPlatforms.anpr).toBe(true);
    expect(codes(result, "warning")).toEqual(["deprecated-lowercase-it it", "deprecated it.riuso.codiceIPA"]);
    expect(result.detectedLegacyIt).toBe(true);
  });

  it("uses IT when IT and it are both present (the validator's error)", () => {
    const result = run(withItalian("IT:\n  piattaforme:\n    io: true\nit:\n  piattaforme:\n    io: false"));
    expect(result.card?.nationalPlatforms.io).toBe(true);
    expect(codes(result, "error")).toEqual(["duplicate-it it"]);
  });

  it.each([
    [
      "an Italian PA organisation",
      "REUSE_PA",
      "organisation:\n  name: Comune di Bagnacavallo\n  uri: urn:x-italian-pa:c_a547",
    ],
    ["a codiceIPA", "REUSE_PA", "IT:\n  riuso:\n    codiceIPA: r_emiro"],
    ["another organisation", "OSS_THIRD_PARTY", "organisation:\n  name: Foundation\n  uri: https://example.org"],
    ["no organisation", "OSS_THIRD_PARTY", ""],
  ])("origin with %s is %s", (_what, origin, section) => {
    expect(run(withItalian(section)).card?.origin).toBe(origin);
  });

  it("marks a seeded national platform NATIONAL", () => {
    expect(run(MINIMAL, { nationalPlatform: true }).card).toMatchObject({
      origin: "NATIONAL",
      kind: "NATIONAL_PLATFORM",
    });
  });

  it("keeps ownerIpa null for an IPA code the registry does not know, and uses a plain repoOwner as owner name", () => {
    const result = run(withItalian("IT:\n  riuso:\n    codiceIPA: NO_SUCH_CODE"), { ipa: new Set(["c_h501"]) });
    expect(result.card).toMatchObject({ origin: "REUSE_PA", ownerIpa: null, ownerKind: null });
    expect(codes(result, "error")).toEqual(["ipa-code IT.riuso.codiceIPA"]);
    const owner = run(minimalWith("legal:\n", "legal:\n  repoOwner: Comune di Prova\n"));
    expect(owner.card?.ownerName).toBe("Comune di Prova");
    const url = run(minimalWith("legal:\n", "legal:\n  repoOwner: https://example.org\n"));
    expect(url.card?.ownerName).toBeNull();
  });

  it("lifts the PNRR tags out of features, noting malformed ones", () => {
    const result = run(
      minimalWith(
        "       - Just one feature\n",
        "       - Just one feature\n       - PNRR\n       - PNRR/Misura/1.4.1\n       - pnrr/beneficiari/comuni\n       - PNRR/Misura/9.9\n",
      ),
    );
    expect(result.card).toMatchObject({
      pnrr: true,
      pnrrMeasures: ["1.4.1"],
      pnrrBeneficiaries: ["Comuni"],
      features: { "en-GB": ["Just one feature"] },
    });
    expect(codes(result, "info")).toEqual(["pnrr-tag description"]);
  });

  it.each([
    ["apache-2.0", "Apache-2.0", true],
    ["AGPL-3.0", "AGPL-3.0-only", true],
    ["GPL-2.0+ OR mit", "GPL-2.0-or-later OR MIT", true],
  ])("canonicalises the licence %s as %s, with an info note", (written, canonical, valid) => {
    const result = run(minimalWith("license: AGPL-3.0-or-later", `license: ${written}`));
    expect(result.card).toMatchObject({ license: canonical, licenseValid: valid });
    expect(result.conformance).toBe("VALID");
    expect(codes(result, "info")).toContain("licence-canonical legal.license");
  });

  it("keeps an unknown licence as written, with the validator's error", () => {
    const result = run(minimalWith("license: AGPL-3.0-or-later", "license: Some Licence"));
    expect(result.card).toMatchObject({ license: "Some Licence", licenseValid: false, licenses: [] });
    expect(codes(result, "error")).toEqual(["licence legal.license"]);
  });

  it("answers licenseOsi from the caller's list", () => {
    const osi = new Set(["AGPL-3.0-or-later", "MIT"]);
    const result = run(MINIMAL, { osiApproved: (id) => osi.has(id) });
    expect(result.card?.licenseOsi).toBe(true);
    expect(run(MINIMAL).card?.licenseOsi).toBeNull();
  });

  it("normalises language tags (the validator refuses pt_BR; the card reads pt-BR)", () => {
    const result = run(minimalWith("  en-GB:", "  pt_BR:").replace("    - en", "    - EN"));
    expect(codes(result, "error")).toEqual(["language-tag description"]);
    expect(result.card?.descriptionLanguages).toEqual(["pt-BR"]);
    expect(result.card?.availableLanguages).toEqual(["en"]);
    expect(result.card).toMatchObject({ displayLanguage: "pt-BR", displayLanguageNotice: true });
  });

  it("shows Italian first, then English", () => {
    const english = run(MINIMAL).card!;
    expect(english).toMatchObject({ displayLanguage: "en-GB", displayLanguageNotice: true, localisedName: "Medusa" });
    const italian = MINIMAL.replace(
      "description:\n",
      "description:\n  it:\n    localisedName: Medusa IT\n    shortDescription: Breve\n    longDescription: " +
        "x".repeat(160) +
        "\n    features:\n      - Una\n",
    );
    expect(run(italian).card).toMatchObject({
      displayLanguage: "it",
      displayLanguageNotice: false,
      localisedName: "Medusa IT",
    });
  });

  const contract = (until: string) =>
    minimalWith(
      'maintenance:\n  type: "community"\n\n  contacts:\n    - name: Francesco Rossi\n',
      `maintenance:\n  type: contract\n  contractors:\n    - name: Ditta\n      until: "2024-01-31"\n    - name: Altra\n      until: "${until}"\n`,
    );

  it("derives the maintenance status from the latest contractor until against today", () => {
    expect(run(contract("2026-12-04")).card).toMatchObject({
      maintenanceStatus: "ACTIVE_CONTRACT",
      maintenanceActive: true,
      maintenanceUntil: "2026-12-04",
    });
    const expired = run(contract("2026-12-03"));
    expect(expired.card).toMatchObject({ maintenanceStatus: "EXPIRED_CONTRACT", maintenanceActive: false });
    expect(codes(expired, "info")).toContain("contract-expired maintenance.contractors");
    expect(expired.conformance).toBe("VALID");
    expect(run(MINIMAL).card).toMatchObject({
      maintenanceStatus: "COMMUNITY",
      maintenanceActive: true,
      contactsCount: 1,
    });
  });

  it("normalises the repository URL into the dedupe key", () => {
    expect(normaliseRepositoryUrl("http://WWW.GitHub.com/Org/Repo.git/")).toBe("https://github.com/Org/Repo");
    expect(normaliseRepositoryUrl("https://user:secret@gitlab.com/a/b/?tab=readme#top")).toBe("https://gitlab.com/a/b");
    expect(normaliseRepositoryUrl("foobar")).toBeNull();
    expect(normaliseRepositoryUrl("file:///tmp/repo")).toBeNull();
    expect(run(MINIMAL).card).toMatchObject({
      url: "https://github.com/italia/developers.italia.it",
      sourceUrl: "https://github.com/italia/developers.italia.it.git",
      urlsVerified: false,
    });
  });

  it("builds the card from the well-typed values even when the validator drops a whole field", () => {
    // A wrong localisedName makes the validator drop `description` (its decoder assigns no
    // failed map): conformance says so, the card keeps the descriptions.
    const result = run(minimalWith("    localisedName: Medusa", "    localisedName: [Medusa]"));
    expect(codes(result, "error").sort()).toEqual([
      "min-items description",
      "wrong-type description.en-GB.localisedName",
    ]);
    expect(result.card?.shortDescription["en-GB"]).toMatch(/rather short description/);
    expect(result.card?.localisedName).toBeNull();
  });

  it("ignores unknown keys on the card, with the validator's error", () => {
    const result = run(`${MINIMAL}\ncreationDate: 2020-01-01\nnl:\n  foo: bar\n`);
    expect(codes(result, "error")).toEqual(["unknown-key creationDate", "unknown-key nl"]);
    expect(result.importStatus).toBe("IMPORTED_WITH_ISSUES");
    expect(result.card?.name).toBe("Medusa");
  });

  it("notes an obsolete status and a missing Italian or English description", () => {
    const result = run(
      minimalWith("developmentStatus: development", "developmentStatus: obsolete").replace("en-GB:", "de:"),
    );
    expect(codes(result, "info")).toEqual(
      expect.arrayContaining(["obsolete developmentStatus", "no-it-en-description description"]),
    );
  });
});

describe("the 36 real catalogue files", () => {
  const files = readdirSync(CATALOGUE)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();
  const results = new Map(files.map((name) => [name, run(readFileSync(join(CATALOGUE, name)))]));

  it("all parse to a card: 2 valid, 26 with warnings, 8 invalid", () => {
    expect(files).toHaveLength(36);
    const counts: Record<string, number> = {};
    for (const [name, result] of results) {
      expect(result.card, name).toBeDefined();
      expect(result.importStatus, name).not.toBe("BLOCKED");
      counts[result.conformance] = (counts[result.conformance] ?? 0) + 1;
    }
    expect(counts).toEqual({ VALID: 2, VALID_WITH_WARNINGS: 26, INVALID: 8 });
  });

  it("reads the facts of known files", () => {
    expect(results.get("Comune-di-Montesilvano__ComunicaPA.publiccode.yml")).toMatchObject({
      conformance: "VALID",
      card: {
        origin: "REUSE_PA",
        ownerIpa: "c_f646",
        ownerKind: "COMUNE",
        license: "EUPL-1.2",
        nationalPlatforms: { spid: true, cie: true, anpr: true, pagopa: true },
      },
    });
    expect(results.get("AgID__pat.publiccode.yml")?.card).toMatchObject({
      pnrr: true,
      pnrrMeasures: ["1.2", "1.4.1"],
      maintenanceStatus: "EXPIRED_CONTRACT",
      maintenanceUntil: "2025-03-01",
      detectedLegacyIt: true,
    });
    expect(results.get("AgID__pat.publiccode.yml")?.card?.pnrrBeneficiaries).toHaveLength(9);
    expect(results.get("italia__design-comuni-plone-theme.publiccode.yml")?.card).toMatchObject({
      license: "GPL-3.0-only",
      origin: "OSS_THIRD_PARTY",
    });
    expect(results.get("link-it__govway.publiccode.yml")?.card).toMatchObject({
      pnrrMeasures: ["1.3.1"],
      nationalPlatforms: { pagopa: true, spid: true, anpr: true },
    });
    expect(results.get("regione-marche__SUAP-SUE-Regione-Marche-CWOL.publiccode.yml")?.card).toMatchObject({
      ownerIpa: "r_marche",
      ownerKind: "REGIONE",
      maintenanceStatus: "NONE",
    });
    expect(results.get("italia__design-comuni-drupal-theme.publiccode.yml")?.card).toMatchObject({
      displayLanguage: "it-IT",
      displayLanguageNotice: false,
    });
    expect(results.get("open-formulieren__open-forms.publiccode.yaml")?.card).toMatchObject({
      displayLanguage: "en",
      origin: "OSS_THIRD_PARTY",
      descriptionLanguages: ["nl", "en"],
    });
  });

  it("gives the validator's verdict on the real oddities listed in INDEX.md", () => {
    // Unquoted 0.4 is a number; `commercial` is no maintenance type.
    const aitema = results.get("Aitema-gmbh__terminvergabe.publiccode.yml")!;
    expect(codes(aitema, "error")).toEqual(
      expect.arrayContaining(["wrong-type publiccodeYmlVersion", "enum maintenance.type"]),
    );
    expect(aitema.card).toMatchObject({ version: "0.4", maintenanceType: "commercial", maintenanceStatus: "UNKNOWN" });
    // "cms module" is no softwareType, and developmentStatus is missing.
    const coranto = results.get("coranto-informatica__design-comuni-opencms-module.publiccode.yml")!;
    expect(codes(coranto, "error")).toEqual(
      expect.arrayContaining(["enum softwareType", "required developmentStatus"]),
    );
    expect(coranto.card?.softwareType).toBe("cms module");
    // "0" is the version the validator recommends.
    expect(results.get("Comune-di-Montesilvano__UtenzePA.publiccode.yml")?.card?.version).toBe("0");
  });
});

describe("a Developers Italia API export", () => {
  const yaml = MINIMAL;

  it("imports every entry of a page, with its URLs as aliases and its vitality", () => {
    const page = {
      data: [
        {
          id: "abc",
          url: "https://github.com/italia/developers.italia.it.git",
          aliases: ["https://github.com/italia/old-name"],
          publiccodeYml: yaml,
          vitality: "10,20,35",
          active: true,
        },
        { id: "def", url: "https://example.org/x", publiccodeYml: "- not a mapping", vitality: 72.6 },
        { id: "bad", url: "https://example.org/y" },
      ],
      links: { next: null },
    };
    const { error, entries } = readDevelopersItaliaExport(JSON.stringify(page), { today: TODAY });
    expect(error).toBeUndefined();
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatchObject({ sourceName: "software[0] abc", vitality: 35, active: true });
    expect(entries[0]!.result?.card).toMatchObject({
      url: "https://github.com/italia/developers.italia.it",
      aliases: ["https://github.com/italia/old-name"],
      vitality: 35,
    });
    expect(entries[1]).toMatchObject({ vitality: 73, result: { importStatus: "BLOCKED" } });
    expect(entries[2]).toMatchObject({ problem: expect.stringMatching(/publiccodeYml/) });
    expect(entries[2]!.result).toBeUndefined();
  });

  it("accepts a list of pages and a bare list of software", () => {
    const item = { url: "https://example.org/a", aliases: [], publiccodeYml: yaml };
    expect(
      readDevelopersItaliaExport(JSON.stringify([{ data: [item] }, { data: [item] }]), { today: TODAY }).entries,
    ).toHaveLength(2);
    expect(readDevelopersItaliaExport(JSON.stringify([item]), { today: TODAY }).entries).toHaveLength(1);
  });

  it("refuses what is not an export", () => {
    expect(readDevelopersItaliaExport("{not json", { today: TODAY }).error).toMatch(/JSON valido/);
    expect(readDevelopersItaliaExport('{"software": 1}', { today: TODAY }).error).toMatch(/forma dell'API/);
  });
});

describe("ZIP entry names (§6.1)", () => {
  it.each([
    ["publiccode.yml", "accept", "publiccode.yml"],
    ["repo/sub/publiccode.YAML", "accept", "repo/sub/publiccode.YAML"],
    ["repo\\windows\\publiccode.yml", "accept", "repo/windows/publiccode.yml"],
    ["a/./b//c.yml", "accept", "a/b/c.yml"],
    ["docs/", "skip", "docs"],
    ["README.md", "skip", "README.md"],
    ["__MACOSX/._publiccode.yml", "skip", "__MACOSX/._publiccode.yml"],
  ])("%s: %s", (name, kind, path) => {
    expect(checkArchiveEntryName(name)).toMatchObject({ kind, path });
  });

  it.each([
    "../publiccode.yml",
    "a/../../b.yml",
    "/etc/publiccode.yml",
    "C:\\x\\publiccode.yml",
    "inner.zip",
    "x\u0000.yml",
    "",
  ])("refuses %j", (name) => {
    const verdict = checkArchiveEntryName(name);
    expect(verdict.kind).toBe("reject");
    expect(verdict.kind === "reject" && verdict.reason).toMatch(/\S/);
  });
});
