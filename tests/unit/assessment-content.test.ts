import { readFileSync } from "node:fs";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import {
  KIND_LEVELS,
  checkAssessmentFramework,
  thresholdProblems,
  type AssessmentFrameworkContent,
} from "~/domain/assessment-content-schema";
import { thresholdLevel } from "~/domain/assessment-scoring";
import { formatContentErrors } from "~/models/content.server";
import { parseAssessmentFramework } from "~/utils/assessment-content.server";

const FILE = "content/assessment/capacitas-pt2024.yml";
const text = readFileSync(FILE, "utf8");

function shipped(): AssessmentFrameworkContent {
  const result = parseAssessmentFramework(text, FILE);
  if (!result.ok) throw new Error(formatContentErrors(result.problems));
  return result.framework;
}

const items = (framework: AssessmentFrameworkContent) => framework.dimensions.flatMap((d) => d.items);

/** The shipped file as plain data, changed by `edit`, checked again. */
function problemsAfter(edit: (raw: RawFramework) => void): string[] {
  const raw = YAML.parse(text) as RawFramework;
  edit(raw);
  const result = checkAssessmentFramework(raw, FILE);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems.map((p) => formatContentErrors([p]));
}

type RawItem = Record<string, unknown> & { code: string };
type RawFramework = Record<string, unknown> & { dimensions: { code: string; items: RawItem[] }[] };

function item(raw: RawFramework, code: string): RawItem {
  const found = raw.dimensions.flatMap((d) => d.items).find((i) => i.code === code);
  if (!found) throw new Error(`no item ${code}`);
  return found;
}

describe("the shipped framework capacitas-pt2024", () => {
  it("parses", () => {
    const result = parseAssessmentFramework(text, FILE);
    expect(result.ok ? [] : result.problems).toEqual([]);
    const framework = shipped();
    expect(framework.code).toBe("capacitas-pt2024");
    expect(framework.version).toBe("1.0.0");
    expect(framework.levels.map((l) => l.label)).toEqual([
      "Assente",
      "Iniziale",
      "In sviluppo",
      "Definito",
      "Consolidato",
    ]);
  });

  it("has the 7 dimensions of the Piano triennale, in chapter order, and 43 items", () => {
    const framework = shipped();
    expect(framework.dimensions.map((d) => [d.code, d.ptChapter, d.order, d.items.length])).toEqual([
      ["ORG", 1, 1, 7],
      ["PROC", 2, 2, 5],
      ["SERV", 3, 3, 6],
      ["PIAT", 4, 4, 8],
      ["DATI", 5, 5, 5],
      ["INFR", 6, 6, 4],
      ["SIC", 7, 7, 8],
    ]);
    expect(items(framework)).toHaveLength(43);
    for (const dimension of framework.dimensions) {
      expect(dimension.items.map((i) => i.code)).toEqual(
        dimension.items.map((_, n) => `${dimension.code}-${String(n + 1).padStart(2, "0")}`),
      );
    }
  });

  it("marks exactly the 12 critical items of the specification", () => {
    expect(
      items(shipped())
        .filter((i) => i.critical)
        .map((i) => i.code),
    ).toEqual([
      "ORG-01",
      "ORG-03",
      "PROC-02",
      "PROC-04",
      "SERV-01",
      "SERV-03",
      "SERV-04",
      "PIAT-01",
      "PIAT-02",
      "INFR-01",
      "SIC-02",
      "SIC-03",
    ]);
  });

  it("uses the declared kinds, with COUNT and PERCENT only where the specification has them", () => {
    const byKind = (kind: string) =>
      items(shipped())
        .filter((i) => i.kind === kind)
        .map((i) => i.code);
    expect(byKind("PERCENT")).toEqual(["ORG-04", "INFR-01", "SIC-05"]);
    expect(byKind("COUNT")).toEqual(["SERV-01"]);
    expect(byKind("YES_NO")).toEqual(["ORG-06", "PROC-03", "DATI-02", "SIC-08"]);
    expect(byKind("PLATFORM_STATE")).toEqual(["SERV-06", ...Array.from({ length: 8 }, (_, n) => `PIAT-0${n + 1}`)]);
  });

  it("has a valid threshold list on every COUNT and PERCENT item, mapping the specification's bands", () => {
    const framework = shipped();
    for (const i of items(framework).filter((i) => i.kind === "COUNT" || i.kind === "PERCENT")) {
      expect(i.thresholds, i.code).toBeDefined();
      expect(thresholdProblems(i.thresholds ?? [], i.kind as "COUNT" | "PERCENT"), i.code).toEqual([]);
    }
    const thresholds = (code: string) => items(framework).find((i) => i.code === code)?.thresholds ?? [];
    expect(thresholds("ORG-04")).toEqual([0, 10, 25, 50, 75]);
    expect(thresholds("SIC-05")).toEqual([0, 10, 25, 50, 75]);
    expect(thresholds("INFR-01")).toEqual([0, 10, 40, 70, 100]);
    expect(thresholds("SERV-01")).toEqual([0, 1, 3, 6, 9]);
    // The edges of the bands in PHASE2 §4.
    const org04 = thresholds("ORG-04");
    expect([0, 9.9, 10, 24, 25, 49, 50, 74, 75, 100].map((v) => thresholdLevel(org04, v))).toEqual([
      0, 0, 1, 1, 2, 2, 3, 3, 4, 4,
    ]);
    const serv01 = thresholds("SERV-01");
    expect([0, 1, 2, 3, 5, 6, 8, 9, 12].map((v) => thresholdLevel(serv01, v))).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4]);
    const infr01 = thresholds("INFR-01");
    expect([9, 10, 39, 40, 69, 70, 99, 100].map((v) => thresholdLevel(infr01, v))).toEqual([0, 1, 1, 2, 2, 3, 3, 4]);
  });

  it("describes exactly the levels each kind can take", () => {
    for (const i of items(shipped())) {
      expect(Object.keys(i.levelDescriptors).map(Number), i.code).toEqual([...KIND_LEVELS[i.kind]]);
    }
    const descriptors = (code: string) => items(shipped()).find((i) => i.code === code)?.levelDescriptors;
    expect(descriptors("ORG-06")).toEqual({ 0: "No", 4: "Sì" });
    expect(descriptors("PIAT-01")).toEqual({ 0: "Non attiva", 2: "Attivata ma poco usata", 4: "In uso regolare" });
    expect(descriptors("SIC-02")?.[0]).toBe("Nessun backup.");
  });

  it("applies the evidence rule: 3 by default, «Sì» for yes/no, none for DATI-02, a hint whenever it is needed", () => {
    for (const i of items(shipped())) {
      const expected = i.code === "DATI-02" ? null : i.kind === "YES_NO" ? 4 : 3;
      expect(i.evidenceRequiredFrom, i.code).toBe(expected);
      if (i.evidenceRequiredFrom !== null) expect(i.evidenceHint, i.code).toBeTruthy();
      expect(i.target, i.code).toBe(3);
      expect(i.weight, i.code).toBe(1);
    }
  });

  it("records legal obligations, dated deadlines, extra data and prefilled items", () => {
    const framework = shipped();
    const byCode = new Map(items(framework).map((i) => [i.code, i]));
    for (const code of ["ORG-01", "PROC-02", "SERV-03", "SERV-04", "PIAT-07", "SIC-04"]) {
      expect(byCode.get(code)?.legalObligation, code).toBe(true);
    }
    expect(
      items(framework)
        .filter((i) => i.deadline)
        .map((i) => [i.code, i.deadline]),
    ).toEqual([
      ["PROC-01", "2026-12-31"],
      ["PIAT-04", "2026-12-31"],
      ["PIAT-05", "2025-12-31"],
      ["INFR-01", "2026-06-30"],
    ]);
    const services = byCode.get("SERV-01")?.extraFields[0];
    expect(services?.type).toBe("service-states");
    expect(services?.rows).toHaveLength(12);
    expect(byCode.get("PIAT-02")?.extraFields.map((f) => f.type)).toEqual(["integer", "percent"]);
    expect(byCode.get("PIAT-07")?.extraFields.map((f) => f.type)).toEqual(["date"]);
    expect(byCode.get("PIAT-08")?.extraFields[0].type).toBe("measure-states");
    expect(
      items(framework)
        .filter((i) => i.prefill)
        .map((i) => [i.code, i.prefill?.source]),
    ).toEqual([
      ["ORG-04", "phase1-training"],
      ["PIAT-08", "padigitale2026"],
      ["SIC-05", "phase1-training"],
    ]);
    expect(byCode.get("ORG-02")?.appliesTo).toEqual(["COMUNE", "COMUNITA_MONTANA"]);
  });
});

describe("broken framework files are refused, naming file and field", () => {
  it("a duplicate item code", () => {
    const problems = problemsAfter((raw) => {
      item(raw, "ORG-02").code = "ORG-01";
    });
    expect(problems).toContain(`${FILE} › dimensions.ORG.items.ORG-01.code: codice di voce ripetuto`);
  });

  it("an item code of another dimension", () => {
    const problems = problemsAfter((raw) => {
      item(raw, "PROC-05").code = "SERV-07";
    });
    expect(problems).toContain(
      `${FILE} › dimensions.PROC.items.SERV-07.code: una voce della dimensione PROC ha un codice PROC-NN`,
    );
  });

  it("a malformed item code", () => {
    const problems = problemsAfter((raw) => {
      item(raw, "ORG-03").code = "ORG-3";
    });
    expect(problems).toContain(`${FILE} › dimensions.ORG.items.ORG-3.code: codice non valido (es. ORG-01)`);
  });

  it("a repeated order, an unknown kind and an unknown field", () => {
    const problems = problemsAfter((raw) => {
      item(raw, "ORG-02").order = 1;
      item(raw, "SIC-08").kind = "BOOLEAN";
      item(raw, "DATI-03").treshold = [0, 1, 2, 3, 4];
    });
    expect(problems).toContain(`${FILE} › dimensions.ORG.items.ORG-02.order: ordine ripetuto nella dimensione`);
    expect(problems.some((p) => p.startsWith(`${FILE} › dimensions.SIC.items.SIC-08.kind: tipo non valido`))).toBe(
      true,
    );
    expect(problems).toContain(`${FILE} › dimensions.DATI.items.DATI-03.treshold: campo non previsto`);
  });

  it("thresholds on a SCALE item, or missing on a COUNT item", () => {
    const problems = problemsAfter((raw) => {
      item(raw, "ORG-01").thresholds = [0, 1, 2, 3, 4];
      delete item(raw, "SERV-01").thresholds;
    });
    expect(problems).toContain(
      `${FILE} › dimensions.ORG.items.ORG-01.thresholds: ammesse solo per le voci COUNT e PERCENT`,
    );
    expect(problems).toContain(`${FILE} › dimensions.SERV.items.SERV-01.thresholds: obbligatorie per una voce COUNT`);
  });

  it("thresholds that are not 5 increasing lower bounds from 0", () => {
    const field = `${FILE} › dimensions.ORG.items.ORG-04.thresholds`;
    expect(problemsAfter((raw) => void (item(raw, "ORG-04").thresholds = [0, 10, 25, 50]))).toContain(
      `${field}: servono 5 soglie, il minimo di ciascun livello da 0 a 4`,
    );
    expect(problemsAfter((raw) => void (item(raw, "ORG-04").thresholds = [0, 25, 10, 50, 75]))).toContain(
      `${field}: le soglie devono essere strettamente crescenti`,
    );
    expect(problemsAfter((raw) => void (item(raw, "ORG-04").thresholds = [0, 10, 10, 50, 75]))).toContain(
      `${field}: le soglie devono essere strettamente crescenti`,
    );
    expect(problemsAfter((raw) => void (item(raw, "ORG-04").thresholds = [5, 10, 25, 50, 75]))).toContain(
      `${field}: la prima soglia (livello 0) deve essere 0`,
    );
    expect(problemsAfter((raw) => void (item(raw, "ORG-04").thresholds = [0, 10, 25, 50, 175]))).toContain(
      `${field}: per una percentuale le soglie vanno da 0 a 100`,
    );
    expect(problemsAfter((raw) => void (item(raw, "SERV-01").thresholds = [0, 1, 2.5, 6, 9]))).toContain(
      `${FILE} › dimensions.SERV.items.SERV-01.thresholds: per un conteggio le soglie sono numeri interi`,
    );
  });

  it("a missing level descriptor, or one the kind cannot take", () => {
    const problems = problemsAfter((raw) => {
      delete (item(raw, "SIC-02").levelDescriptors as Record<string, string>)["0"];
      (item(raw, "PIAT-03").levelDescriptors as Record<string, string>)["3"] = "Quasi sempre";
      delete (item(raw, "ORG-06").levelDescriptors as Record<string, string>)["4"];
    });
    expect(problems).toContain(
      `${FILE} › dimensions.SIC.items.SIC-02.levelDescriptors.0: manca il descrittore del livello 0`,
    );
    expect(problems).toContain(
      `${FILE} › dimensions.PIAT.items.PIAT-03.levelDescriptors.3: una voce PLATFORM_STATE ha solo i livelli 0, 2, 4`,
    );
    expect(problems).toContain(
      `${FILE} › dimensions.ORG.items.ORG-06.levelDescriptors.4: manca il descrittore del livello 4`,
    );
  });

  it("an evidence level out of range, or not «Sì» on a yes/no item", () => {
    const problems = problemsAfter((raw) => {
      item(raw, "ORG-05").evidenceRequiredFrom = 5;
      item(raw, "SIC-08").evidenceRequiredFrom = 2;
    });
    expect(problems).toContain(
      `${FILE} › dimensions.ORG.items.ORG-05.evidenceRequiredFrom: un livello da 1 a 4, oppure null se l'evidenza non serve`,
    );
    expect(problems).toContain(
      `${FILE} › dimensions.SIC.items.SIC-08.evidenceRequiredFrom: per una voce YES_NO vale 4 (l'evidenza serve per «Sì») oppure null`,
    );
  });

  it("an empty reference", () => {
    const problems = problemsAfter((raw) => void (item(raw, "ORG-01").references = ["CAD art. 17", "  "]));
    expect(problems).toContain(`${FILE} › dimensions.ORG.items.ORG-01.references.1: non può essere vuoto`);
  });

  it("a version that is not semver", () => {
    for (const version of ["1.0", "v1.0.0", "1.0.0-beta", "01.0.0", 1]) {
      const problems = problemsAfter((raw) => void (raw.version = version));
      expect(
        problems.some((p) => p.startsWith(`${FILE} › version: `)),
        String(version),
      ).toBe(true);
    }
  });

  it("an impossible deadline", () => {
    for (const deadline of ["2026-02-30", "2026-13-01", "31/12/2026", "2026-6-30"]) {
      const problems = problemsAfter((raw) => void (item(raw, "INFR-01").deadline = deadline));
      expect(problems).toContain(
        `${FILE} › dimensions.INFR.items.INFR-01.deadline: data inesistente o non scritta AAAA-MM-GG`,
      );
    }
  });

  it("an extra field of an unknown type, or service states without rows", () => {
    const problems = problemsAfter((raw) => {
      (item(raw, "PIAT-01").extraFields as { type: string }[])[0].type = "number";
      delete (item(raw, "SERV-01").extraFields as { rows?: unknown }[])[0].rows;
    });
    expect(
      problems.some((p) =>
        p.startsWith(`${FILE} › dimensions.PIAT.items.PIAT-01.extraFields.servizi-spid-cie.type: tipo non valido`),
      ),
    ).toBe(true);
    expect(problems).toContain(
      `${FILE} › dimensions.SERV.items.SERV-01.extraFields.servizi-riferimento.rows: un campo service-states elenca le sue righe`,
    );
  });

  it("a duplicate dimension code", () => {
    const problems = problemsAfter((raw) => void (raw.dimensions[6].code = "ORG"));
    expect(problems).toContain(`${FILE} › dimensions.ORG.code: codice di dimensione ripetuto`);
  });

  it("text that is not YAML, naming the line", () => {
    const result = parseAssessmentFramework("code: capacitas-pt2024\ncode: again\n", FILE);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : formatContentErrors(result.problems)).toBe(
      `${FILE} › (file): YAML non valido: Map keys must be unique at line 2, column 1`,
    );
    expect(checkAssessmentFramework(null, FILE)).toMatchObject({ ok: false });
  });
});
