import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { csvStream, downloadResponse, xlsxStream, type ExportSheet } from "~/utils/export.server";

type Person = { name: string; hours: number; checkIn: Date | null; birth: Date | null };

const people: Person[] = [
  {
    name: "Giulia Ferrari",
    hours: 1.5,
    checkIn: new Date("2026-11-26T08:30:00Z"),
    birth: new Date("1980-03-04T00:00:00Z"),
  },
  { name: '=HYPERLINK("http://evil")', hours: -2, checkIn: new Date("2026-07-01T22:15:00Z"), birth: null },
  { name: 'Rossi; "Mario"\nsecondo rigo', hours: 12, checkIn: null, birth: new Date("1975-12-31T12:00:00Z") },
];

function peopleSheet(rows: Iterable<Person> | AsyncIterable<Person> = people, name = "Presenze"): ExportSheet<Person> {
  return {
    name,
    columns: [
      { header: "Nome", value: (p) => p.name, width: 30 },
      { header: "Ore", value: (p) => p.hours, format: "number" },
      { header: "Ingresso", value: (p) => p.checkIn, format: "datetime" },
      { header: "Nascita", value: (p) => p.birth, format: "date" },
    ],
    rows,
  };
}

async function readAll(stream: ReadableStream<Uint8Array>) {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

async function loadXlsx(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}

async function* generate(count: number) {
  for (let i = 1; i <= count; i++) {
    if (i % 1000 === 0) await Promise.resolve(); // like a paged query
    yield {
      name: `Persona ${i}`,
      hours: i / 4,
      checkIn: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
      birth: null,
    } satisfies Person;
  }
}

describe("csvStream", () => {
  it("writes UTF-8 with BOM, a header row, ';' and CRLF, formula-safe, Rome dates and decimal commas", async () => {
    const text = (await readAll(csvStream(peopleSheet()))).toString("utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const lines = text.slice(1).split("\r\n");
    expect(lines[0]).toBe("Nome;Ore;Ingresso;Nascita");
    expect(lines[1]).toBe("Giulia Ferrari;1,5;2026-11-26 09:30;1980-03-04");
    // Summer time (UTC+2) across midnight; the formula gets an apostrophe; negative numbers stay numbers.
    expect(lines[2]).toBe('"\'=HYPERLINK(""http://evil"")";-2;2026-07-02 00:15;');
    expect(text.endsWith("\r\n")).toBe(true);

    const rows = parse(text, { delimiter: ";", bom: true }) as string[][];
    expect(rows).toEqual([
      ["Nome", "Ore", "Ingresso", "Nascita"],
      ["Giulia Ferrari", "1,5", "2026-11-26 09:30", "1980-03-04"],
      ['\'=HYPERLINK("http://evil")', "-2", "2026-07-02 00:15", ""],
      ['Rossi; "Mario"\nsecondo rigo', "12", "", "1975-12-31"],
    ]);
  });

  it("writes numbers and dates as text when asked, and leaves NaN and invalid dates empty", async () => {
    const sheet: ExportSheet<number> = {
      name: "x",
      columns: [
        { header: "Codice", value: (n) => n, format: "text" },
        { header: "Valore", value: () => Number.NaN },
        { header: "Data", value: () => new Date("nonsense") },
        { header: "Testo", value: () => "-1" },
      ],
      rows: [-0.25],
    };
    const rows = parse((await readAll(csvStream(sheet))).toString("utf8"), { delimiter: ";", bom: true }) as string[][];
    expect(rows[1]).toEqual(["'-0,25", "", "", "'-1"]);
  });

  it("errors the stream when the rows fail", async () => {
    async function* failing() {
      yield people[0];
      throw new Error("database gone");
    }
    await expect(readAll(csvStream(peopleSheet(failing())))).rejects.toThrow("database gone");
  });

  it("stops reading the rows when the download is cancelled", async () => {
    let produced = 0;
    let closed = false;
    async function* endless() {
      try {
        for (;;) {
          produced++;
          yield people[0];
          await new Promise((r) => setImmediate(r));
        }
      } finally {
        closed = true;
      }
    }
    const reader = csvStream(peopleSheet(endless())).getReader();
    await reader.read();
    await reader.cancel();
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(true);
    const after = produced;
    await new Promise((r) => setTimeout(r, 50));
    expect(produced).toBe(after);
  });
});

describe("xlsxStream", () => {
  it("writes a sheet with a bold frozen header, widths, Date cells, numbers and formula-safe text", async () => {
    const workbook = await loadXlsx(await readAll(xlsxStream([peopleSheet()])));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Presenze"]);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, "Nome", "Ore", "Ingresso", "Nascita"]);
    expect(sheet.getCell("A1").font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getColumn(1).width).toBe(30);
    expect(sheet.rowCount).toBe(4);

    // Excel has no time zones: the cell holds Rome's wall clock (read back as UTC fields).
    const checkIn = sheet.getCell("C2");
    expect(checkIn.value).toBeInstanceOf(Date);
    expect((checkIn.value as Date).toISOString()).toBe("2026-11-26T09:30:00.000Z");
    expect(checkIn.numFmt).toBe("dd/mm/yyyy hh:mm");
    expect((sheet.getCell("C3").value as Date).toISOString()).toBe("2026-07-02T00:15:00.000Z");
    expect((sheet.getCell("D2").value as Date).toISOString()).toBe("1980-03-04T00:00:00.000Z");
    expect(sheet.getCell("D2").numFmt).toBe("dd/mm/yyyy");

    expect(sheet.getCell("B2").value).toBe(1.5);
    expect(sheet.getCell("B3").value).toBe(-2);

    const injected = sheet.getCell("A3");
    expect(injected.type).toBe(ExcelJS.ValueType.String);
    expect(injected.formula).toBeUndefined();
    expect(injected.value).toBe('\'=HYPERLINK("http://evil")');
    expect(sheet.getCell("A4").value).toBe('Rossi; "Mario"\nsecondo rigo');
    expect(sheet.getCell("D3").value).toBeNull();
  });

  it("writes two sheets, and makes sheet names valid for Excel", async () => {
    const courses: ExportSheet<{ code: string; hours: number }> = {
      name: "Moduli 2026/27: ICT [fase 1] e molto altro ancora",
      columns: [
        { header: "Codice", value: (c) => c.code },
        { header: "Ore", value: (c) => c.hours },
      ],
      rows: [{ code: "ICT-1", hours: 24 }],
    };
    const workbook = await loadXlsx(await readAll(xlsxStream([peopleSheet(), courses])));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Presenze", "Moduli 2026-27- ICT -fase 1- e"]);
    expect(workbook.worksheets[1].getRow(2).values).toEqual([undefined, "ICT-1", 24]);
    expect(workbook.worksheets[0].rowCount).toBe(4);
  });

  it("drops characters XML forbids and cuts text at Excel's 32,767 characters", async () => {
    const sheet: ExportSheet<string> = {
      name: "Testi",
      columns: [{ header: "Testo", value: (s) => s }],
      rows: ["ok\u0001\u0008 ma\ttab\nriga\uD800", "x".repeat(40_000)],
    };
    const worksheet = (await loadXlsx(await readAll(xlsxStream([sheet])))).worksheets[0];
    expect(worksheet.getCell("A2").value).toBe("ok ma\ttab\nriga");
    expect((worksheet.getCell("A3").value as string).length).toBe(32_767);
  });

  it("refuses two sheets with the same name", () => {
    expect(() => xlsxStream([peopleSheet([], "Dati"), peopleSheet([], "dati")])).toThrow(/Duplicate sheet name/);
  });

  it("errors the stream when the rows fail", async () => {
    async function* failing() {
      yield people[0];
      throw new Error("database gone");
    }
    await expect(readAll(xlsxStream([peopleSheet(failing())]))).rejects.toThrow("database gone");
  });
});

describe("large exports", () => {
  it("streams 20,000 rows from an async generator as CSV and XLSX", async () => {
    const csv = (await readAll(csvStream(peopleSheet(generate(20_000))))).toString("utf8");
    const rows = parse(csv, { delimiter: ";", bom: true }) as string[][];
    expect(rows).toHaveLength(20_001);
    expect(rows[20_000]).toEqual(["Persona 20000", "5000", "2026-01-14 22:20", ""]);

    const workbook = await loadXlsx(await readAll(xlsxStream([peopleSheet(generate(20_000))])));
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(20_001);
    expect(sheet.getCell("A20001").value).toBe("Persona 20000");
    expect(sheet.getCell("B20001").value).toBe(5000);
  });
});

describe("downloadResponse", () => {
  it("sets the content type, an attachment name with an ASCII fallback, and no caching", async () => {
    const response = downloadResponse(csvStream(peopleSheet()), "presenze-Varzi-Zavattarello-città", "csv");
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(
      "attachment; filename=\"presenze-Varzi-Zavattarello-citta.csv\"; filename*=UTF-8''presenze-Varzi-Zavattarello-citt%C3%A0.csv",
    );
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    // (Response.text() would drop the BOM, as every UTF-8 decoder does.)
    expect(
      Buffer.from(await response.arrayBuffer())
        .toString("utf8")
        .startsWith("\uFEFFNome;"),
    ).toBe(true);

    const xlsx = downloadResponse(xlsxStream([peopleSheet()]), 'registro "presenze".xlsx', "xlsx");
    expect(xlsx.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(xlsx.headers.get("Content-Disposition")).toContain('filename="registro _presenze_.xlsx"');
    await xlsx.body?.cancel();
  });
});
