import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { renderRegisterPdf, type RegisterData } from "~/utils/register-pdf.server";

const base: RegisterData = {
  programmeTitle: "Rafforzamento della capacità amministrativa dei Comuni delle aree interne",
  moduleTitle: "Transizione digitale e innovazione (ICT)",
  phaseTitle: "Fase 1: Alfabetizzazione digitale",
  editionCode: "OLT-ICT-F1-2026",
  sessionTitle: "Seminario 1 — Identità digitale e servizi online",
  // 08:30Z–12:00Z is 09:30–13:00 in Rome (CET, winter time).
  startsAt: new Date("2026-11-26T08:30:00Z"),
  endsAt: new Date("2026-11-26T12:00:00Z"),
  mode: "PRESENCE",
  place: "Sala consiliare, Comune di Varzi",
  link: null,
  trainers: ["Paolo Rinaldi"],
  learners: [
    { name: "Bianchi Marco", organisation: "Comune di Bagnaria", position: "EMPLOYEE", status: "PRESENT" },
    { name: "Ferrari Giulia", organisation: "Comune di Varzi", position: "ADMINISTRATOR", status: "ABSENT" },
    { name: "Rossi Anna", organisation: "Unione dei Comuni dell'Oltrepò", position: "EXTERNAL", status: null },
  ],
  printedAt: new Date("2026-11-20T10:00:00Z"),
};

async function parse(buffer: Buffer) {
  // pdf.js may transfer the array it is given to its worker: hand it a copy, not the caller's buffer.
  const parser = new PDFParse({ data: new Uint8Array(buffer) });
  try {
    const text = await parser.getText();
    const info = await parser.getInfo({ parsePageInfo: true });
    return {
      text: text.text,
      pageTexts: text.pages.map((p) => p.text),
      pages: text.total,
      info: info.info as Record<string, unknown> | undefined,
      size: info.pages.map((p) => [Math.round(p.width), Math.round(p.height)]),
    };
  } finally {
    await parser.destroy();
  }
}

// Text extraction may split or re-space lines; compare on collapsed whitespace.
const squash = (s: string) => s.replace(/\s+/g, " ");
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe("renderRegisterPdf", () => {
  it("renders the session's details and one row per learner", async () => {
    const buffer = await renderRegisterPdf(base);
    expect(buffer.subarray(0, 4).toString("latin1")).toBe("%PDF");

    const { text, pages, info, size } = await parse(buffer);
    const flat = squash(text);
    expect(pages).toBe(1);
    expect(size).toEqual([[595, 842]]); // A4 portrait
    expect(flat).toContain("Registro presenze — foglio firme");
    expect(flat).toContain("capacità amministrativa");
    expect(flat).toContain("Transizione digitale e innovazione (ICT)");
    expect(flat).toContain("Fase 1: Alfabetizzazione digitale");
    expect(flat).toContain("OLT-ICT-F1-2026");
    expect(flat).toContain("Seminario 1 — Identità digitale e servizi online");
    expect(flat).toContain("giovedì 26 novembre 2026");
    expect(flat).toContain("09:30");
    expect(flat).toContain("13:00");
    expect(flat).toContain("In presenza");
    expect(flat).toContain("Sala consiliare, Comune di Varzi");
    expect(flat).toContain("Paolo Rinaldi");
    for (const learner of base.learners) {
      expect(flat).toContain(learner.name);
      expect(flat).toContain(learner.organisation);
    }
    expect(flat).toContain("Amministratore");
    expect(flat).toContain("Dipendente");
    expect(flat).toContain("Esterno");
    expect(flat).toContain("Firma in entrata");
    expect(flat).toContain("Firma in uscita");
    // Only the absent learner gets a note; present and unrecorded leave it empty.
    expect(count(flat, "assente")).toBe(1);
    expect(flat).not.toContain("giustificato");
    expect(flat).not.toContain("non previsto");
    expect(flat).toContain("Firma del formatore");
    expect(flat).toContain("Stampato il 20 novembre 2026");
    expect(flat).toContain("Pagina 1 di 1");
    expect(info?.Title).toBe("Registro presenze OLT-ICT-F1-2026");
    expect(info?.Author).toBe("Capacitas");
  });

  it("shows the link of an online session and the notes for justified and not expected learners", async () => {
    const link = "https://meet.example.it/capacitas/ict/seminario-1?room=OLT-ICT-F1-2026&token=7KQ2MXPA4C9ZR8WY3T6V5B";
    const { text } = await parse(
      await renderRegisterPdf({
        ...base,
        mode: "ONLINE",
        place: null,
        link,
        phaseTitle: null,
        trainers: ["Paolo Rinaldi", "Sara Conti"],
        learners: [
          { name: "Bianchi Marco", organisation: "Comune di Bagnaria", position: "EMPLOYEE", status: "JUSTIFIED" },
          {
            name: "Ferrari Giulia",
            organisation: "Comune di Varzi",
            position: "ADMINISTRATOR",
            status: "NOT_EXPECTED",
          },
        ],
      }),
    );
    const flat = squash(text);
    expect(flat).toContain("Online");
    expect(flat).not.toContain("Sala consiliare");
    // A link too long for its box is wrapped, never cut off.
    expect(text.replace(/\s+/g, "")).toContain(link);
    expect(flat).toContain("giustificato");
    expect(flat).toContain("non previsto");
    expect(flat).not.toContain("assente");
    expect(flat).toContain("Paolo Rinaldi");
    expect(flat).toContain("Sara Conti");
  });

  it("spreads many learners over several pages, repeating the header row", async () => {
    const learners: RegisterData["learners"] = Array.from({ length: 60 }, (_, i) => ({
      name: `Cognome${String(i + 1).padStart(2, "0")} Nome`,
      organisation: `Comune numero ${i + 1}`,
      position: i % 3 === 0 ? "ADMINISTRATOR" : "EMPLOYEE",
      status: null,
    }));
    const { text, pageTexts, pages, size } = await parse(await renderRegisterPdf({ ...base, learners }));
    const flat = squash(text);
    expect(pages).toBeGreaterThan(1);
    expect(size.every(([w, h]) => w === 595 && h === 842)).toBe(true);
    for (const learner of learners) expect(flat).toContain(learner.name);
    expect(count(flat, "Cognome e nome")).toBeGreaterThanOrEqual(pages);
    pageTexts.forEach((page, i) => {
      expect(page).toContain("Cognome e nome");
      expect(squash(page)).toContain(`Pagina ${i + 1} di ${pages}`);
    });
    // The closing block comes once, after the last learner.
    expect(count(flat, "Firma del formatore")).toBe(1);
    expect(flat.indexOf("Firma del formatore")).toBeGreaterThan(flat.indexOf("Cognome60 Nome"));
  });

  it("prints names outside the standard fonts' character set legibly", async () => {
    const { text } = await parse(
      await renderRegisterPdf({
        ...base,
        learners: [{ name: "Wąsowski Łukasz", organisation: "Comune di Brașov", position: "EXTERNAL", status: null }],
      }),
    );
    const flat = squash(text);
    expect(flat).toContain("Wasowski Lukasz");
    expect(flat).toContain("Comune di Brasov");
  });
});
