/**
 * Tidy tabular exports (one header row, one row per fact) for Italian spreadsheet users, as
 * streams: CSV for Excel in Italian (UTF-8 with BOM, `;`, decimal comma) and XLSX written with
 * exceljs' streaming writer. Rows may come from an async generator (a paged query), so a large
 * export never sits in memory. Every string cell goes through csvSafe (docs/security.md, CSV exports).
 */
import { PassThrough, Readable, pipeline } from "node:stream";
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";
import { csvSafe } from "~/utils/csv";
import { PROGRAMME_TZ } from "./time";

export type ExportColumn<Row> = {
  header: string;
  value: (row: Row) => string | number | Date | null;
  /** XLSX column width in characters (default: from the header, at least 10). */
  width?: number;
  /**
   * "date" shows a Date without the time; a Date is otherwise shown with the time ("datetime").
   * "text" writes numbers and dates as text (e.g. codes). "number" is the default for numbers.
   */
  format?: "date" | "datetime" | "number" | "text";
};

export type ExportSheet<Row> = { name: string; columns: ExportColumn<Row>[]; rows: Iterable<Row> | AsyncIterable<Row> };

const XLSX_DATE = "dd/mm/yyyy";
const XLSX_DATETIME = "dd/mm/yyyy hh:mm";
/** Excel refuses (asks to repair) a file with a longer text cell. */
const XLSX_MAX_TEXT = 32_767;
/** Characters XML 1.0 forbids (exceljs writes them as they are, and Excel then refuses the file). */
const XML_INVALID =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Rows written to the XLSX between two looks at the consumer's back-pressure. */
const XLSX_BATCH = 256;

// ---------------------------------------------------------------------------------------------
// Cells

type Cell =
  | { kind: "empty" }
  | { kind: "text"; value: string }
  | { kind: "number"; value: number }
  | { kind: "date"; value: Date; time: boolean };

const EMPTY: Cell = { kind: "empty" };

function toCell(value: string | number | Date | null | undefined, format: ExportColumn<unknown>["format"]): Cell {
  if (value === null || value === undefined) return EMPTY;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return EMPTY;
    if (format === "text") return { kind: "text", value: romeText(value, true) };
    return { kind: "date", value, time: format !== "date" };
  }
  if (typeof value === "number") {
    // NaN and Infinity have no spreadsheet form (and would corrupt the XLSX).
    if (!Number.isFinite(value)) return EMPTY;
    if (format === "text") return { kind: "text", value: italianNumber(value) };
    return { kind: "number", value };
  }
  return { kind: "text", value: String(value) };
}

/** 1.5 → "1,5": the decimal comma Excel in Italian expects; no thousands separator. */
function italianNumber(value: number) {
  return String(value).replace(".", ",");
}

const romeFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: PROGRAMME_TZ,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

const HOUR = 3_600_000;
/** Rome's UTC offset (ms) by UTC hour: it changes only on the hour (01:00 UTC), and
 * formatToParts costs ~15 µs, too much for every date of a large export. */
const offsetByHour = new Map<number, number>();

function romeOffset(time: number) {
  const hour = Math.floor(time / HOUR);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const f = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    for (const part of romeFormat.formatToParts(hour * HOUR)) {
      if (part.type in f) f[part.type as keyof typeof f] = Number(part.value);
    }
    offset = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - hour * HOUR;
    if (offsetByHour.size >= 10_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

/**
 * The instant shifted so that its UTC fields are Rome's wall clock. Excel dates have no time
 * zone and exceljs writes a Date's UTC fields, so this is also what goes into an XLSX cell.
 */
function romeWallClock(date: Date, time: boolean) {
  const wall = new Date(date.getTime() + romeOffset(date.getTime()));
  return time ? wall : new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate()));
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** "YYYY-MM-DD HH:mm" (or "YYYY-MM-DD") in Rome. */
function romeText(date: Date, time: boolean) {
  const wall = romeWallClock(date, time);
  const day = `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  return time ? `${day} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}` : day;
}

/** An XLSX text cell: formula-safe, within Excel's length limit, valid XML. */
function xlsxText(value: string) {
  return csvSafe(value).slice(0, XLSX_MAX_TEXT).replace(XML_INVALID, "");
}

function csvText(cell: Cell): string {
  switch (cell.kind) {
    case "empty":
      return "";
    case "text":
      return csvSafe(cell.value);
    case "number":
      return italianNumber(cell.value);
    case "date":
      return romeText(cell.value, cell.time);
  }
}

// ---------------------------------------------------------------------------------------------
// Node stream → web stream

/** Bytes the web stream holds before the Node side is paused. */
const WEB_HIGH_WATER_MARK = 64 * 1024;

/**
 * A web ReadableStream over a Node Readable with back-pressure (the Node side is paused while
 * 64 KiB wait for the consumer), erroring when it errors or closes early, and destroying it
 * when cancelled. (Readable.toWeb in Node 20 queues up to 16,384 chunks ahead, and its type is
 * Node's, not the DOM's.)
 */
function toWebStream(readable: Readable): ReadableStream<Uint8Array> {
  let settled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const settle = (error?: unknown) => {
          if (settled) return;
          settled = true;
          if (error === undefined) controller.close();
          else controller.error(error);
        };
        readable.pause();
        readable.on("data", (chunk: Buffer | string) => {
          if (settled) return;
          controller.enqueue(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
          if ((controller.desiredSize ?? 0) <= 0) readable.pause();
        });
        readable.once("end", () => settle());
        readable.once("error", (error) => settle(error));
        readable.once("close", () => settle(new Error("The export stream closed before its end")));
      },
      pull() {
        readable.resume();
      },
      cancel() {
        settled = true;
        readable.destroy();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: WEB_HIGH_WATER_MARK }),
  );
}

// ---------------------------------------------------------------------------------------------
// CSV

async function* csvRecords<Row>(sheet: ExportSheet<Row>): AsyncGenerator<string[]> {
  yield sheet.columns.map((c) => csvSafe(c.header));
  for await (const row of sheet.rows) {
    yield sheet.columns.map((c) => csvText(toCell(c.value(row), c.format)));
  }
}

/**
 * CSV: UTF-8 with BOM, ";" separator, CRLF, every string cell passed through csvSafe; dates as
 * ISO-like local Europe/Rome "YYYY-MM-DD HH:mm" (datetime) or "YYYY-MM-DD" (date); numbers
 * with "," decimal separator (Italian Excel). Streams rows as they come; an error from the rows
 * errors the stream, and cancelling the stream stops (returns) the rows' iterator.
 */
export function csvStream<Row>(sheet: ExportSheet<Row>): ReadableStream<Uint8Array> {
  const stringifier = stringify({ delimiter: ";", record_delimiter: "\r\n", bom: true });
  // Errors and early ends surface through the returned stream; pipeline destroys both sides.
  const output = pipeline(Readable.from(csvRecords(sheet)), stringifier, () => {});
  return toWebStream(output);
}

// ---------------------------------------------------------------------------------------------
// XLSX

/** Excel's rules for sheet names: at most 31 characters, none of : \ / ? * [ ], unique. */
function sheetNames(sheets: ExportSheet<unknown>[]) {
  const seen = new Set<string>();
  return sheets.map((sheet, i) => {
    const name =
      sheet.name
        .replace(/[:\\/?*[\]]/g, "-")
        .replace(/^'+|'+$/g, "")
        .slice(0, 31)
        .trim() || `Foglio${i + 1}`;
    const key = name.toLocaleLowerCase("it");
    if (seen.has(key)) throw new Error(`Duplicate sheet name in the export: ${name}`);
    seen.add(key);
    return name;
  });
}

/** Resolves once the consumer has caught up (or gone away), letting the zip writer run. */
async function caughtUp(out: PassThrough) {
  await new Promise((resolve) => setImmediate(resolve));
  while (out.writableNeedDrain && !out.destroyed) {
    await new Promise<void>((resolve) => {
      const done = () => {
        out.off("drain", done);
        out.off("close", done);
        resolve();
      };
      out.on("drain", done);
      out.on("close", done);
    });
  }
}

async function writeWorkbook(sheets: ExportSheet<unknown>[], names: string[], out: PassThrough) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = "Capacitas";
  workbook.created = new Date();
  for (const [s, sheet] of sheets.entries()) {
    const worksheet = workbook.addWorksheet(names[s], {
      views: [{ state: "frozen", xSplit: 0, ySplit: 1, topLeftCell: "A2", activeCell: "A2" }],
    });
    worksheet.columns = sheet.columns.map((c) => ({
      width: c.width ?? Math.max(10, c.header.length + 2),
      style:
        c.format === "date"
          ? { numFmt: XLSX_DATE }
          : c.format === "datetime"
            ? { numFmt: XLSX_DATETIME }
            : c.format === "text"
              ? { numFmt: "@" }
              : {},
    }));
    const header = worksheet.addRow(sheet.columns.map((c) => xlsxText(c.header)));
    header.font = { bold: true };
    header.commit();

    let written = 0;
    for await (const row of sheet.rows) {
      if (out.destroyed) return; // the consumer went away: stop reading the rows
      const cells = sheet.columns.map((c) => toCell(c.value(row), c.format));
      const xlsxRow = worksheet.addRow(
        cells.map((cell) => {
          switch (cell.kind) {
            case "empty":
              return null;
            case "text":
              return xlsxText(cell.value);
            case "number":
              return cell.value;
            case "date":
              return romeWallClock(cell.value, cell.time);
          }
        }),
      );
      cells.forEach((cell, i) => {
        if (cell.kind === "date") xlsxRow.getCell(i + 1).numFmt = cell.time ? XLSX_DATETIME : XLSX_DATE;
      });
      xlsxRow.commit();
      if (++written % XLSX_BATCH === 0) await caughtUp(out);
    }
    worksheet.commit();
    if (out.destroyed) return;
  }
  await workbook.commit();
}

/**
 * XLSX written with exceljs' streaming WorkbookWriter (constant memory): one worksheet per sheet
 * (in order, each read to its end before the next), bold frozen header row, column widths, real
 * Date cells (Rome wall clock; dd/mm/yyyy or dd/mm/yyyy hh:mm) and numbers as numbers; string
 * cells pass through csvSafe (and lose characters XML forbids). Sheet names are made valid for Excel; duplicates throw here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each sheet has its own row type
export function xlsxStream(sheets: ExportSheet<any>[]): ReadableStream<Uint8Array> {
  const names = sheetNames(sheets);
  const out = new PassThrough();
  writeWorkbook(sheets, names, out).catch((error: unknown) =>
    out.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return toWebStream(out);
}

// ---------------------------------------------------------------------------------------------
// Response

const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/** RFC 5987 percent-encoding for filename*. */
function encodeRfc5987(value: string) {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * A Response for a download: content type, Content-Disposition attachment with the file name
 * (the extension is added if missing; an ASCII fallback plus filename* for accented names),
 * Cache-Control private, no-store.
 */
export function downloadResponse(stream: ReadableStream<Uint8Array>, fileName: string, kind: "csv" | "xlsx"): Response {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  let name = fileName.replace(/[\u0000-\u001f\u007f"\\/]/g, "_").trim() || "export";
  if (!name.toLowerCase().endsWith(`.${kind}`)) name = `${name}.${kind}`;
  const ascii = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "_");
  return new Response(stream, {
    headers: {
      "Content-Type": CONTENT_TYPES[kind],
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
