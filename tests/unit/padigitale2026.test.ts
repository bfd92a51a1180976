// PA digitale 2026 open data: both header shapes on real lines of the files, the measure of
// an avviso, dates, one row per application, bad rows with their line and an Italian reason,
// and the PIAT-08 prefill.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import {
  dedupeFundedRows,
  formatEuro,
  isNewerRow,
  measureOfMisura,
  measureOfNotice,
  parseDay,
  parseFundedFile,
  parseTimestamp,
  piat08Prefill,
  type FundedRow,
  type PrefillMeasure,
} from "~/domain/padigitale2026";
import { PAD26_AS_OF, PAD26_DIR, PAD26_FILES } from "../../prisma/seed-data/padigitale2026";

/** Lines of CSV text as the model hands them over (these test files have no quoted line breaks). */
function records(text: string) {
  const parsed: { record: string[]; info: { lines: number } }[] = parse(text, {
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  return parsed.map(({ record, info }) => ({ line: info.lines, cells: record }));
}

const parseText = (file: string, text: string) => parseFundedFile({ file, records: records(text) });
const readData = (name: string) => readFileSync(path.join(PAD26_DIR, name), "utf8");
const parseData = (name: string) => parseText(name, readData(name));
const only = (result: ReturnType<typeof parseFundedFile>) => {
  expect(result.errors).toEqual([]);
  expect(result.rows).toHaveLength(1);
  return result.rows[0];
};

// Real lines, copied from the files in prisma/seed-data/padigitale2026/.
const COMUNI_HEADER =
  "codice_ipa,comune,cod_comune,provincia,cod_provincia,regione,cod_regione,importo_finanziamento,avviso,data_invio_candidatura,data_finanziamento,codice_cup,numero_finestra_temporale,numero_di_protocollo,stato_candidatura";
const COMUNI_MONTESEGALE_141 =
  '"c_f644","Montesegale","018098","PV","018","Lombardia","03",79922.0,"1.4.1 Esperienza del Cittadino - Comuni - Aprile 2022","2022-04-29T06:54:02.000+0000","2022-08-19","F71F22000300006",1.0,32.0,"A"';
const COMUNI_PONTE_NIZZA_144 =
  '"c_g851","Ponte Nizza","018117","PV","018","Lombardia","03",14000.0,"1.4.4 Adozione SPID CIE  - Comuni - Aprile 2022","2022-05-02T08:49:36.000+0000","2022-08-02","I81F22000070006",1.0,25.0,"A"';
const MEASURE_HEADER =
  "codice_ipa,ente,tipologia_ente,comune,cod_comune,provincia,cod_provincia,regione,cod_regione,importo_finanziamento,avviso,data_invio_candidatura,data_finanziamento,codice_cup,numero_finestra_temporale,numero_di_protocollo,decreto_finanziamento,stato_candidatura,data_stato_candidatura,misura";
const M141_MONTESEGALE =
  "c_f644,Comune di Montesegale,Comuni,Montesegale,018098,PV,018,Lombardia,03,79922.0,1.4.1 Esperienza del Cittadino - Comuni - Aprile 2022,2022-04-29T06:54:02.000+0000,2022-08-19,F71F22000300006,1,32,Decreto n.32 - 1 / 2022 - PNRR,E,2024-06-26,1.4.1 Esperienza del cittadino nei servizi pubblici";
const M144_PONTE_NIZZA =
  "c_g851,Comune di Ponte Nizza,Comuni,Ponte Nizza,018117,PV,018,Lombardia,03,14000.0,1.4.4 Adozione SPID CIE  - Comuni - Aprile 2022,2022-05-02T08:49:36.000+0000,2022-08-02,I81F22000070006,1,25,Decreto n.25 - 1 / 2022 - PNRR,E,2024-12-05,1.4.4 Adozione identità digitale";
// The 1.2 file of 2023-03-04: older column order, `misura` then `tipologia_ente` last, no data_stato_candidatura.
const OLD_12_HEADER =
  "codice_ipa,ente,comune,cod_comune,provincia,cod_provincia,regione,cod_regione,importo_finanziamento,avviso,data_invio_candidatura,data_finanziamento,codice_cup,numero_finestra_temporale,numero_di_protocollo,stato_candidatura,misura,tipologia_ente";
const OLD_12_VARZI =
  "c_l690,Comune di Varzi,Varzi,018171,PV,018,Lombardia,03,77897.0,1.2 Abilitazione al Cloud - Comuni - Luglio 2022,2022-09-06T08:52:31.000+0000,2022-12-14,G81CC2200174000,1.0,85.0,R,1.2 Abilitazione e facilitazione migrazione al Cloud,Comune";

describe("parseFundedFile: the two header shapes", () => {
  it("reads the 15-column comuni file of 2022-11-26, the measure from the avviso", () => {
    const row = only(parseText("comuni.csv", `${COMUNI_HEADER}\n${COMUNI_MONTESEGALE_141}\n`));
    expect(row).toEqual({
      file: "comuni.csv",
      line: 2,
      ipaCode: "c_f644",
      body: null,
      comune: "Montesegale",
      istatCode: "018098",
      measure: "1.4.1",
      notice: "1.4.1 Esperienza del Cittadino - Comuni - Aprile 2022",
      amountEuro: 79922,
      submittedOn: new Date("2022-04-29T06:54:02.000Z"),
      fundedOn: new Date("2022-08-19T00:00:00.000Z"),
      cup: "F71F22000300006",
      state: "A",
      stateOn: null,
    } satisfies FundedRow);
  });

  it("reads a per-measure file, the measure from `misura`, the day of the state", () => {
    const row = only(parseText("141.csv", `${MEASURE_HEADER}\n${M141_MONTESEGALE}\n`));
    expect(row).toMatchObject({
      ipaCode: "c_f644",
      body: "Comune di Montesegale",
      comune: "Montesegale",
      istatCode: "018098",
      measure: "1.4.1",
      state: "E",
      stateOn: new Date("2024-06-26T00:00:00.000Z"),
      cup: "F71F22000300006",
    });
  });

  it("reads the older 1.2 column order (tipologia_ente last, no day of the state)", () => {
    const row = only(parseText("12.csv", `${OLD_12_HEADER}\n${OLD_12_VARZI}\n`));
    expect(row).toMatchObject({
      ipaCode: "c_l690",
      measure: "1.2",
      notice: "1.2 Abilitazione al Cloud - Comuni - Luglio 2022",
      amountEuro: 77897,
      fundedOn: new Date("2022-12-14T00:00:00.000Z"),
      cup: "G81CC2200174000",
      state: "R",
      stateOn: null,
    });
  });

  it("collapses the double space of the source's avviso, lowers the IPA code, ignores a BOM", () => {
    const row = only(
      parseText("144.csv", `\uFEFF${COMUNI_HEADER}\n${COMUNI_PONTE_NIZZA_144.replace('"c_g851"', '"C_G851"')}\n`),
    );
    expect(row.notice).toBe("1.4.4 Adozione SPID CIE - Comuni - Aprile 2022");
    expect(row.ipaCode).toBe("c_g851");
    expect(row.measure).toBe("1.4.4");
  });

  it("reads every copied file without a bad row, as many rows as the README says", () => {
    const expected: Record<string, number> = {
      "candidature_comuni_finanziate.oltrepo.csv": 80,
      "candidature_finanziate_12.oltrepo.csv": 19,
      "candidature_finanziate_131.oltrepo.csv": 31,
      "candidature_finanziate_141.oltrepo.csv": 19,
      "candidature_finanziate_143.oltrepo.csv": 41,
      "candidature_finanziate_144.oltrepo.csv": 34,
      "candidature_finanziate_145.oltrepo.csv": 29,
      "candidature_altrienti_finanziate.oltrepo.csv": 2,
    };
    for (const name of PAD26_FILES) {
      const { rows, errors } = parseData(name);
      expect(errors, name).toEqual([]);
      expect(rows, name).toHaveLength(expected[name]);
      const m = /_(\d)(\d)(\d?)\.oltrepo/.exec(name);
      if (m)
        expect(new Set(rows.map((r) => r.measure)), name).toEqual(
          new Set([[m[1], m[2], m[3]].filter(Boolean).join(".")]),
        );
    }
  });
});

describe("the measure of an avviso", () => {
  it("is the number it starts with", () => {
    expect(measureOfNotice("1.4.4 Adozione SPID CIE - Comuni - Aprile 2022")).toBe("1.4.4");
    expect(measureOfNotice("1.4.3 - pagoPA - Comuni - Aprile 2022")).toBe("1.4.3");
    expect(measureOfNotice("1.2 Abilitazione al cloud - Comuni - Aprile 2022")).toBe("1.2");
    expect(measureOfNotice("1.4.5 'Piattaforma Notifiche Digitali' Comuni (Settembre 2022)")).toBe("1.4.5");
    expect(measureOfNotice("1.3.1 Piattaforma Digitale Nazionale Dati - ANNCSU - Comuni - maggio 2025")).toBe("1.3.1");
    expect(measureOfNotice("Avviso per i comuni")).toBeNull();
    expect(measureOfMisura("1.4.1 Esperienza del cittadino nei servizi pubblici")).toBe("1.4.1");
  });

  it("agrees with avvisi.csv (titolo → misura) for all 57 avvisi, the joint 1.1/1.2 one by its share", () => {
    const avvisi: { titolo: string; misura: string }[] = parse(readData("avvisi.csv"), { columns: true });
    expect(avvisi).toHaveLength(57);
    for (const a of avvisi) expect(measureOfNotice(a.titolo), a.titolo).toBe(measureOfMisura(a.misura));
    expect(
      measureOfNotice("1.1 e 1.2 'Infrastrutture digitali e abilitazione al cloud' - ASL/AO -marzo 2023 (quota 1.2)"),
    ).toBe("1.2");
  });
});

describe("dates", () => {
  it("reads the submission timestamp with its offset", () => {
    expect(parseTimestamp("2022-04-29T06:54:02.000+0000")?.toISOString()).toBe("2022-04-29T06:54:02.000Z");
    expect(parseTimestamp("2022-04-29T06:54:02.000+0200")?.toISOString()).toBe("2022-04-29T04:54:02.000Z");
    expect(parseTimestamp("2022-04-29T06:54:02-01:30")?.toISOString()).toBe("2022-04-29T08:24:02.000Z");
    expect(parseTimestamp("2022-04-29T06:54:02.5Z")?.toISOString()).toBe("2022-04-29T06:54:02.500Z");
  });

  it("refuses days and times that do not exist", () => {
    for (const t of [
      "2022-02-30T06:54:02.000+0000",
      "2022-04-29T24:00:00.000+0000",
      "2022-04-29 06:54:02",
      "29/04/2022",
      "",
    ])
      expect(parseTimestamp(t), t).toBeNull();
    expect(parseDay("2022-08-19")?.toISOString()).toBe("2022-08-19T00:00:00.000Z");
    for (const d of ["2022-13-01", "2023-02-29", "19/08/2022", "2022-8-19"]) expect(parseDay(d), d).toBeNull();
    expect(parseDay("2024-02-29")).not.toBeNull();
  });
});

describe("one row per application (CUP + avviso)", () => {
  const comuni = parseText(
    "comuni.csv",
    `${COMUNI_HEADER}\n${COMUNI_MONTESEGALE_141}\n${COMUNI_PONTE_NIZZA_144}\n`,
  ).rows;
  const perMeasure = [
    ...parseText("141.csv", `${MEASURE_HEADER}\n${M141_MONTESEGALE}\n`).rows,
    ...parseText("144.csv", `${MEASURE_HEADER}\n${M144_PONTE_NIZZA}\n`).rows,
  ];

  it("keeps the newer snapshot (E of the per-measure file over A of the 2022 comuni file), in either order", () => {
    for (const rows of [
      [...comuni, ...perMeasure],
      [...perMeasure, ...comuni],
    ]) {
      const d = dedupeFundedRows(rows);
      expect(d.replaced).toBe(2);
      expect(d.rows.map((r) => [r.cup, r.state, r.file])).toEqual(
        expect.arrayContaining([
          ["F71F22000300006", "E", "141.csv"],
          ["I81F22000070006", "E", "144.csv"],
        ]),
      );
      expect(d.rows).toHaveLength(2);
    }
  });

  it("a withdrawal (R) is newer than a funding (A); a later state day is newer; a tie goes to the row read later", () => {
    const a = comuni[0];
    expect(isNewerRow({ ...a, state: "R", stateOn: null }, a)).toBe(true);
    expect(isNewerRow(a, { ...a, state: "R" })).toBe(false);
    expect(
      isNewerRow(
        { ...a, state: "E", stateOn: new Date("2024-10-01") },
        { ...a, state: "E", stateOn: new Date("2024-06-26") },
      ),
    ).toBe(true);
    // Same state, same day: the row that says when its state was set is the newer export.
    expect(isNewerRow({ ...a, stateOn: a.fundedOn }, a)).toBe(true);
    expect(isNewerRow(a, { ...a })).toBe(false);
    const later = { ...a, file: "later.csv", amountEuro: 1 };
    expect(dedupeFundedRows([a, later]).rows).toEqual([later]);
  });

  it("keeps a CUP applied in two windows as two rows", () => {
    const d = dedupeFundedRows(parseData("candidature_finanziate_145.oltrepo.csv").rows);
    expect(d.replaced).toBe(0);
    expect(d.rows.filter((r) => r.cup === "J61F22003360006").map((r) => [r.notice, r.state])).toEqual([
      ["1.4.5 'Piattaforma Notifiche Digitali' Comuni (Settembre 2022)", "R"],
      ["1.4.5 'Piattaforma Notifiche Digitali' Comuni (maggio 2024)", "E"],
    ]);
  });

  it("over all the copied files: 255 rows, 173 applications, none only in the 2022 comuni file", () => {
    const all = PAD26_FILES.flatMap((name) => parseData(name).rows);
    const d = dedupeFundedRows(all);
    expect(all).toHaveLength(255);
    expect(d.rows).toHaveLength(173);
    expect(d.rows.filter((r) => r.file === "candidature_comuni_finanziate.oltrepo.csv")).toEqual([]);
  });
});

describe("bad rows", () => {
  it("lists each bad row with its line and every reason, in Italian", () => {
    const good = COMUNI_MONTESEGALE_141;
    const lines = [
      COMUNI_HEADER,
      good, // 2
      good.replace("79922.0", '"79.922,00"').replace('"A"', '"X"'), // 3
      "", // 4: empty lines are skipped, not errors
      good.replace('"F71F22000300006"', '"F71F2200"').replace('"2022-08-19"', '"2022-02-30"'), // 5
      good.replace('"2022-04-29T06:54:02.000+0000"', '"29/04/2022 06:54"'), // 6
      good.replace('"1.4.1 Esperienza del Cittadino - Comuni - Aprile 2022"', '"Esperienza del Cittadino"'), // 7
      good.replace(',"A"', ""), // 8
      good.replace('"c_f644"', '""').replace('"018098"', '"18098"').replace('"A"', '""'), // 9
    ];
    const { rows, errors } = parseText("comuni.csv", lines.join("\n"));
    expect(rows.map((r) => r.line)).toEqual([2]);
    expect(errors.map((e) => [e.file, e.line, e.messages.length])).toEqual([
      ["comuni.csv", 3, 2],
      ["comuni.csv", 5, 2],
      ["comuni.csv", 6, 1],
      ["comuni.csv", 7, 1],
      ["comuni.csv", 8, 1],
      ["comuni.csv", 9, 3],
    ]);
    const text = (line: number) => errors.find((e) => e.line === line)!.messages.join(" | ");
    expect(text(3)).toContain("Importo «79.922,00» non valido");
    expect(text(3)).toContain(
      "Stato della candidatura «X» non valido: atteso A (finanziata), E (erogata) o R (rinuncia).",
    );
    expect(text(5)).toContain("CUP «F71F2200» non valido: il codice CUP ha 15 caratteri, lettere e cifre.");
    expect(text(5)).toContain("Data di finanziamento «2022-02-30» non valida");
    expect(text(6)).toContain("Data di invio «29/04/2022 06:54» non valida");
    expect(text(7)).toContain(
      "Misura non riconoscibile: l'avviso «Esperienza del Cittadino» non inizia con il numero della misura",
    );
    expect(text(8)).toBe("La riga ha 14 colonne, l'intestazione 15: controlla virgole e virgolette.");
    expect(text(9)).toContain("Manca il codice IPA dell'ente (colonna codice_ipa).");
    expect(text(9)).toContain("Codice ISTAT del comune non valido (colonna cod_comune): servono 6 cifre");
    expect(text(9)).toContain("Manca lo stato della candidatura");
  });

  it("a `misura` cell without its number is a bad row", () => {
    const { errors } = parseText(
      "141.csv",
      `${MEASURE_HEADER}\n${M141_MONTESEGALE.replace(",1.4.1 Esperienza del cittadino nei", ",Esperienza del cittadino nei")}`,
    );
    expect(errors).toEqual([
      {
        file: "141.csv",
        line: 2,
        messages: [
          "Misura «Esperienza del cittadino nei servizi pubblici» non riconoscibile: deve iniziare con il suo numero, per esempio 1.4.1.",
        ],
      },
    ]);
  });

  it("a file that is not an export of funded applications is one error on line 1", () => {
    expect(parseText("persone.csv", "nome,cognome,email\nAnna,Rossi,a@b.it\n").errors).toEqual([
      {
        file: "persone.csv",
        line: 1,
        messages: [
          "Mancano le colonne codice_ipa, comune, cod_comune, importo_finanziamento, avviso, data_invio_candidatura, data_finanziamento, codice_cup, stato_candidatura: il file non sembra un export delle candidature finanziate di PA digitale 2026.",
        ],
      },
    ]);
    expect(parseText("vuoto.csv", `${COMUNI_HEADER}\n`).errors[0].messages).toEqual([
      "Il file non contiene righe dopo le intestazioni.",
    ]);
    expect(parseFundedFile({ file: "nulla.csv", records: [] }).errors[0].messages).toEqual(["Il file è vuoto."]);
  });
});

describe("piat08Prefill", () => {
  const asOf = PAD26_AS_OF;
  const m = (measure: string, amountEuro: number, state: string | null = "A"): PrefillMeasure => ({
    measure,
    amountEuro,
    state,
  });
  const NOTE = "Da PA digitale 2026 (open data DTD, CC BY 4.0), candidature finanziate al 2026-08: ";

  it.each([
    { name: "nothing", measures: [], value: 0, funded: [], total: 0, note: `${NOTE}nessuna.` },
    {
      name: "one measure, funded twice",
      measures: [m("1.4.3", 29136), m("1.4.3", 10692)],
      value: 2,
      funded: ["1.4.3"],
      total: 39828,
      note: `${NOTE}1.4.3 — €39.828.`,
    },
    {
      name: "all six, some paid out",
      measures: [
        m("1.2", 47427),
        m("1.3.1", 10172, "E"),
        m("1.4.1", 79922, "E"),
        m("1.4.3", 29136),
        m("1.4.4", 14000),
        m("1.4.5", 23147, "E"),
      ],
      value: 4,
      funded: ["1.2", "1.3.1", "1.4.1", "1.4.3", "1.4.4", "1.4.5"],
      total: 203804,
      note: `${NOTE}1.2, 1.3.1, 1.4.1, 1.4.3, 1.4.4, 1.4.5 — €203.804; saldo erogato: 1.3.1, 1.4.1, 1.4.5.`,
    },
    {
      name: "a withdrawal only, and a measure outside the six",
      measures: [m("1.4.4", 14000, "R"), m("1.1", 500000), m("1.4.5", 23147, "R"), m("1.4.5", 23147, "E")],
      value: 2,
      funded: ["1.4.5"],
      total: 23147,
      note: `${NOTE}1.4.5 — €23.147; saldo erogato: 1.4.5; rinuncia: 1.4.4.`,
    },
    {
      name: "withdrawals only",
      measures: [m("1.4.3", 38848, "R")],
      value: 0,
      funded: [],
      total: 0,
      note: `${NOTE}nessuna; rinuncia: 1.4.3.`,
    },
  ])("$name → $value", ({ measures, value, funded, total, note }) => {
    const p = piat08Prefill(measures, { asOf });
    expect(p.value).toBe(value);
    expect(p.funded).toEqual(funded);
    expect(p.totalEuro).toBe(total);
    expect(p.sourceNote).toBe(note);
    expect(p.measures.map((x) => x.code)).toEqual(["1.2", "1.3.1", "1.4.1", "1.4.3", "1.4.4", "1.4.5"]);
  });

  it("reports each measure's state", () => {
    const p = piat08Prefill([m("1.2", 100, "R"), m("1.4.1", 7, "E"), m("1.4.1", 3), m("1.4.3", 5, null)], { asOf });
    expect(p.measures.map((x) => [x.code, x.status, x.amountEuro])).toEqual([
      ["1.2", "withdrawn", 0],
      ["1.3.1", "none", 0],
      ["1.4.1", "paid", 10],
      ["1.4.3", "funded", 5],
      ["1.4.4", "none", 0],
      ["1.4.5", "none", 0],
    ]);
  });

  it("Varzi: no row in the 2022 comuni file, five measures in the per-measure files (1.2 withdrawn)", () => {
    const varzi = (names: readonly string[]) =>
      dedupeFundedRows(names.flatMap((n) => parseData(n).rows)).rows.filter((r) => r.ipaCode === "c_l690");
    expect(varzi(["candidature_comuni_finanziate.oltrepo.csv"])).toEqual([]);
    expect(piat08Prefill(varzi(["candidature_comuni_finanziate.oltrepo.csv"]), { asOf }).value).toBe(0);

    const rows = varzi(PAD26_FILES);
    expect(rows).toHaveLength(9);
    const p = piat08Prefill(rows, { asOf });
    expect(p.value).toBe(2);
    expect(p.funded).toEqual(["1.3.1", "1.4.1", "1.4.3", "1.4.4", "1.4.5"]);
    expect(p.sourceNote).toBe(
      `${NOTE}1.3.1, 1.4.1, 1.4.3, 1.4.4, 1.4.5 — €186.311; saldo erogato: 1.3.1, 1.4.4, 1.4.5; rinuncia: 1.2.`,
    );
  });

  it("formats euros with the Italian thousands separator", () => {
    expect([0, 999, 1234, 123456, 1234567.5, 186311.4].map(formatEuro)).toEqual([
      "0",
      "999",
      "1.234",
      "123.456",
      "1.234.568",
      "186.311",
    ]);
  });
});
