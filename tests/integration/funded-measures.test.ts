// PA digitale 2026 import: the real copied files, rows per comune as in their README,
// idempotent, all-or-nothing, bodies without an organisation kept unlinked, one audit row.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/access/scope.server";
import { piat08Prefill } from "~/domain/padigitale2026";
import { fundedMeasuresByOrganisation, importFundedMeasures } from "~/models/funded-measures.server";
import { prisma } from "~/utils/db.server";
import { PAD26_AS_OF, PAD26_FILES, readPad26Files } from "../../prisma/seed-data/padigitale2026";
import { comuneIpaCode, OLTREPO_COMUNI } from "../../prisma/seed-data/territory";
import { createArea } from "../support";

const actor: Actor = { userId: null, roles: ["ADMIN"], requestId: "test-pad26" };

// The README's table "Rows per comune", the per-measure columns (counted by cod_comune, so
// other bodies of the comune are in it: IC Varzi in 1.2 and 1.4.1, the two unioni in 1.4.4 —
// NOTE: the 1.4.4 file places the Unione Borghi e Valli d'Oltrepò in Borgo Priolo (018016),
// the altri-enti file in Borgoratto Mormorolo; rows are linked by IPA code, not by comune).
const MEASURES = ["1.2", "1.3.1", "1.4.1", "1.4.3", "1.4.4", "1.4.5"] as const;
const README_ROWS: Record<string, number[]> = {
  Bagnaria: [1, 2, 1, 2, 1, 2],
  "Borgo Priolo": [1, 2, 1, 2, 3, 2],
  "Borgoratto Mormorolo": [1, 2, 1, 2, 2, 2],
  "Brallo di Pregola": [1, 0, 1, 1, 2, 1],
  Cecima: [1, 2, 1, 3, 2, 2],
  "Colli Verdi": [1, 2, 1, 3, 2, 1],
  Fortunago: [1, 2, 1, 3, 1, 1],
  "Godiasco Salice Terme": [1, 1, 1, 2, 2, 1],
  Menconico: [1, 2, 1, 2, 2, 2],
  "Montalto Pavese": [1, 2, 1, 3, 2, 2],
  Montesegale: [1, 2, 1, 4, 2, 2],
  "Ponte Nizza": [1, 2, 1, 3, 3, 2],
  "Rocca Susella": [1, 2, 1, 2, 2, 2],
  Romagnese: [1, 2, 1, 2, 2, 1],
  "Santa Margherita di Staffora": [1, 1, 1, 2, 2, 2],
  "Val di Nizza": [1, 2, 1, 0, 1, 2],
  Varzi: [2, 2, 2, 2, 2, 1],
  Zavattarello: [1, 1, 1, 3, 1, 1],
};
/** Rows of other bodies in the README's counts: [comune, measure, rows]. */
const OTHER_BODIES: [string, string, number][] = [
  ["Varzi", "1.2", 1],
  ["Varzi", "1.4.1", 1],
  ["Borgo Priolo", "1.4.4", 1],
  ["Ponte Nizza", "1.4.4", 1],
];

let comuneId: Record<string, number>;
let otherComuneId: number;

const fundedCount = () => prisma.fundedMeasure.count();
const importAudits = () =>
  prisma.auditLog.findMany({
    where: { action: "funded_measure.import" },
    select: { actorId: true, entity: true, entityId: true, after: true, requestId: true },
    orderBy: { id: "asc" },
  });

beforeAll(async () => {
  const { area, cm, comune } = await createArea("Oltrepò di prova");
  otherComuneId = comune.id;
  comuneId = {};
  for (const c of OLTREPO_COMUNI) {
    const o = await prisma.organisation.create({
      data: {
        name: `Comune di ${c.name}`,
        kind: "COMUNE",
        istatCode: c.istatCode,
        ipaCode: comuneIpaCode(c.cadastralCode),
        areaId: area.id,
        parentId: cm.id,
      },
    });
    comuneId[c.name] = o.id;
  }
});

describe("importFundedMeasures", () => {
  it("imports the copied files: one row per application, per comune and measure as in the README, one audit row", async () => {
    const result = await importFundedMeasures({ actor, files: readPad26Files() });
    expect(result.errors).toEqual([]);
    expect(result).toEqual({
      ok: true,
      errors: [],
      counts: {
        files: 8,
        read: 255,
        duplicates: 82,
        inserted: 173,
        updated: 0,
        unchanged: 0,
        older: 0,
        unmatched: 4,
        badRows: 0,
      },
    });
    expect(await fundedCount()).toBe(173);

    const grouped = await prisma.fundedMeasure.groupBy({
      by: ["organisationId", "measure"],
      _count: { _all: true },
    });
    const countOf = (organisationId: number | null, measure: string) =>
      grouped.find((g) => g.organisationId === organisationId && g.measure === measure)?._count._all ?? 0;
    for (const [name, counts] of Object.entries(README_ROWS)) {
      MEASURES.forEach((measure, i) => {
        const others = OTHER_BODIES.find(([c, m]) => c === name && m === measure)?.[2] ?? 0;
        expect(countOf(comuneId[name], measure), `${name} ${measure}`).toBe(counts[i] - others);
      });
    }
    expect(grouped.filter((g) => !MEASURES.includes(g.measure as (typeof MEASURES)[number]))).toEqual([]);

    // Schools and unioni: kept, unlinked.
    const unlinked = await prisma.fundedMeasure.findMany({
      where: { organisationId: null },
      select: { ipaCode: true, measure: true },
      orderBy: [{ ipaCode: "asc" }, { measure: "asc" }],
    });
    expect(unlinked).toEqual([
      { ipaCode: "ic_pv", measure: "1.2" },
      { ipaCode: "ic_pv", measure: "1.4.1" },
      { ipaCode: "ucltdm", measure: "1.4.4" },
      { ipaCode: "udclbvo", measure: "1.4.4" },
    ]);

    // The newer snapshot won: Montesegale's 1.4.1 is A in the 2022 comuni file, E in the 1.4.1 file.
    expect(
      await prisma.fundedMeasure.findUnique({
        where: {
          cup_notice: { cup: "F71F22000300006", notice: "1.4.1 Esperienza del Cittadino - Comuni - Aprile 2022" },
        },
        select: {
          organisationId: true,
          ipaCode: true,
          state: true,
          amountEuro: true,
          submittedOn: true,
          fundedOn: true,
        },
      }),
    ).toEqual({
      organisationId: comuneId.Montesegale,
      ipaCode: "c_f644",
      state: "E",
      amountEuro: 79922,
      submittedOn: new Date("2022-04-29T06:54:02.000Z"),
      fundedOn: new Date("2022-08-19T00:00:00.000Z"),
    });

    const audits = await importAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorId: null,
      entity: "FundedMeasure",
      entityId: "padigitale2026",
      requestId: "test-pad26",
    });
    expect(JSON.parse(audits[0].after!)).toMatchObject({ inserted: 173, unmatched: 4, fileNames: [...PAD26_FILES] });
  });

  it("changes nothing on a second import of the same files", async () => {
    const before = await prisma.fundedMeasure.findMany({ orderBy: { id: "asc" } });
    const result = await importFundedMeasures({ actor, files: readPad26Files() });
    expect(result.ok).toBe(true);
    expect(result.counts).toMatchObject({
      read: 255,
      duplicates: 82,
      inserted: 0,
      updated: 0,
      unchanged: 173,
      older: 0,
      unmatched: 4,
    });
    expect(await prisma.fundedMeasure.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    expect(await importAudits()).toHaveLength(2);
  });

  it("keeps what is stored when an older snapshot comes alone (the 2022 comuni file)", async () => {
    const before = await prisma.fundedMeasure.findMany({ orderBy: { id: "asc" } });
    const result = await importFundedMeasures({
      actor,
      files: readPad26Files(["candidature_comuni_finanziate.oltrepo.csv"]),
    });
    // 27 of its 80 rows are A where the per-measure files say E (paid out) or R (withdrawn).
    expect(result.counts).toMatchObject({ read: 80, inserted: 0, updated: 0, unchanged: 53, older: 27, unmatched: 0 });
    expect(await prisma.fundedMeasure.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("writes nothing when one row of one file is bad, and lists it with its file and line", async () => {
    const before = await prisma.fundedMeasure.findMany({ orderBy: { id: "asc" } });
    const audits = (await importAudits()).length;
    const [comuni, ...rest] = readPad26Files();
    const lines = comuni.text.split("\n");
    // A new application on line 2 (it would be inserted) and a bad CUP on line 5.
    lines[1] = lines[1].replace('"F71F22000300006"', '"F71F22999999999"');
    lines[4] = lines[4].replace(/"[A-Z0-9]{15}"/, '"NON-UN-CUP"');
    const result = await importFundedMeasures({
      actor,
      files: [{ name: comuni.name, text: lines.join("\n") }, ...rest],
    });
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      {
        file: "candidature_comuni_finanziate.oltrepo.csv",
        line: 5,
        messages: ["CUP «NON-UN-CUP» non valido: il codice CUP ha 15 caratteri, lettere e cifre."],
      },
    ]);
    expect(result.counts).toMatchObject({ read: 255, badRows: 1, inserted: 0, updated: 0 });
    expect(await prisma.fundedMeasure.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    expect(await importAudits()).toHaveLength(audits);
  });

  it("reports an unreadable file and a file of another kind, and writes nothing", async () => {
    const result = await importFundedMeasures({
      actor,
      files: [
        { name: "rotto.csv", text: 'codice_ipa,comune\n"c_a550,Bagnaria\n' },
        { name: "persone.csv", text: "nome;cognome;email\nAnna;Rossi;a@b.it\n" },
      ],
    });
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => [e.file, e.messages[0]])).toEqual([
      ["rotto.csv", "Il file CSV non è leggibile: controlla le virgolette."],
      ["persone.csv", expect.stringContaining("Mancano le colonne codice_ipa")],
    ]);
    expect(await fundedCount()).toBe(173);
  });

  it("numbers lines as the file does when a quoted cell spans two lines", async () => {
    const [comuni] = readPad26Files();
    const lines = comuni.text.split("\n");
    const spanning = lines[1].replace(" - Comuni - Aprile 2022", "\n - Comuni - Aprile 2022"); // lines 2–3
    const bad = lines[2].replace(/"[A-Z0-9]{15}"/, '"NON-UN-CUP"'); // line 4
    const result = await importFundedMeasures({
      actor,
      files: [{ name: "a-capo.csv", text: [lines[0], spanning, bad, "", lines[3]].join("\n") }],
    });
    expect(result.errors.map((e) => [e.file, e.line])).toEqual([["a-capo.csv", 4]]);
    expect(result.counts).toMatchObject({ read: 3, badRows: 1 });
  });

  it("links the rows of a body once it is added, on the next import", async () => {
    const school = await prisma.organisation.create({
      data: {
        name: "Istituto Comprensivo di Varzi",
        kind: "OTHER",
        ipaCode: "ic_pv",
        areaId: (await prisma.organisation.findUniqueOrThrow({ where: { id: comuneId.Varzi } })).areaId,
      },
    });
    const result = await importFundedMeasures({ actor, files: readPad26Files() });
    expect(result.counts).toMatchObject({ inserted: 0, updated: 2, unchanged: 171, unmatched: 2 });
    expect(await prisma.fundedMeasure.count({ where: { organisationId: school.id } })).toBe(2);
  });
});

describe("fundedMeasuresByOrganisation", () => {
  it("gives each comune its applications, an empty list to one without, for the PIAT-08 prefill", async () => {
    const byOrganisation = await fundedMeasuresByOrganisation({
      organisationIds: [comuneId.Varzi, comuneId.Montesegale, otherComuneId],
    });
    expect([...byOrganisation.keys()]).toEqual([comuneId.Varzi, comuneId.Montesegale, otherComuneId]);
    expect(byOrganisation.get(otherComuneId)).toEqual([]);
    const varzi = byOrganisation.get(comuneId.Varzi)!;
    expect(varzi).toHaveLength(9);
    expect(varzi.map((r) => r.measure)).toEqual([...varzi.map((r) => r.measure)].sort());
    expect(piat08Prefill(varzi, { asOf: PAD26_AS_OF })).toMatchObject({
      value: 2,
      funded: ["1.3.1", "1.4.1", "1.4.3", "1.4.4", "1.4.5"],
    });
    expect(piat08Prefill(byOrganisation.get(comuneId.Montesegale)!, { asOf: PAD26_AS_OF }).value).toBe(4);
    expect(piat08Prefill(byOrganisation.get(otherComuneId)!, { asOf: PAD26_AS_OF }).value).toBe(0);
  });
});
