import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { renderCertificatePdf, type CertificateData } from "~/utils/certificate-pdf.server";

const base: CertificateData = {
  code: "7KQ2MXPA4C",
  verifyUrl: "https://capacitas.example.it/verifica/7KQ2MXPA4C",
  personName: "Giulia Ferrari",
  organisation: "Comune di Varzi",
  programmeTitle: "Rafforzamento della capacità amministrativa dei Comuni delle aree interne",
  moduleTitle: "Transizione digitale e innovazione (ICT)",
  phases: ["Fase 1: Alfabetizzazione digitale", "Fase 2: Servizi digitali per i cittadini"],
  attendedMinutes: 810,
  firstDate: new Date("2026-03-03T09:00:00Z"),
  lastDate: new Date("2026-11-28T15:00:00Z"),
  issuedAt: new Date("2026-11-30T10:00:00Z"),
  revoked: false,
};

async function parse(buffer: Buffer) {
  // pdf.js may transfer the array it is given to its worker: hand it a copy, not the caller's buffer.
  const parser = new PDFParse({ data: new Uint8Array(buffer) });
  try {
    const text = await parser.getText();
    const info = await parser.getInfo({ parsePageInfo: true });
    return {
      text: text.text,
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

describe("renderCertificatePdf", () => {
  it("renders a one-page PDF with the certificate's details", async () => {
    const buffer = await renderCertificatePdf(base);
    expect(buffer.subarray(0, 4).toString("latin1")).toBe("%PDF");

    const { text, pages, info, size } = await parse(buffer);
    const flat = squash(text);
    expect(pages).toBe(1);
    expect(size).toEqual([[842, 595]]); // A4 landscape
    expect(flat).toContain("Attestato di partecipazione");
    expect(flat).toContain("Giulia Ferrari");
    expect(flat).toContain("Comune di Varzi");
    expect(flat).toContain("Transizione digitale e innovazione (ICT)");
    expect(flat).toContain("capacità amministrativa");
    expect(flat).toContain("Fasi:");
    expect(flat).toContain("Ore di presenza: 13,5");
    expect(flat).toContain("dal 3 marzo 2026 al 28 novembre 2026");
    expect(flat).toContain("Rilasciato il 30 novembre 2026");
    expect(flat).toContain("7KQ2MXPA4C");
    expect(flat).toContain("https://capacitas.example.it/verifica/7KQ2MXPA4C");
    expect(flat).not.toContain("REVOCATO");
    expect(info?.Title).toBe("Attestato 7KQ2MXPA4C");
    expect(info?.Author).toBe("Capacitas");
  });

  it("marks a revoked certificate and still fits on one page", async () => {
    const { text, pages, size } = await parse(await renderCertificatePdf({ ...base, revoked: true }));
    expect(text).toContain("REVOCATO");
    expect(pages).toBe(1);
    expect(size).toEqual([[842, 595]]);
  });

  it("keeps a single-phase module with long titles and a long URL on one page", async () => {
    const verifyUrl =
      "https://formazione-personale.capacitas.unione-comuni-montani-oltrepo-pavese.gov.it/attestati/verifica/7KQ2MXPA4C";
    const { text, pages } = await parse(
      await renderCertificatePdf({
        ...base,
        verifyUrl,
        personName: "Maria Antonietta Bianchi-Lombardo De Santis",
        organisation: "Unione dei Comuni montani della Valle Staffora e dell'Oltrepò Pavese",
        moduleTitle:
          "Gestione degli appalti pubblici, dei contratti e della programmazione degli acquisti di beni e servizi",
        phases: ["Fase unica"],
        attendedMinutes: 600,
        firstDate: null,
      }),
    );
    const flat = squash(text);
    expect(pages).toBe(1);
    expect(flat).toContain("Fase: Fase unica");
    expect(flat).not.toContain("Fasi:");
    expect(flat).toContain("Ore di presenza: 10,0");
    expect(flat).toContain("completato il 28 novembre 2026");
    // A URL too long for its box is wrapped after a "/" (never hyphenated, never cut off).
    expect(text.replace(/\s+/g, "")).toContain(verifyUrl);
  });
});
