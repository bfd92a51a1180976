// File names of uploads (docs/decisions/015-upload-parsing.md): what is stored, shown and
// sent back in Content-Disposition.
import { parse } from "content-disposition";
import { describe, expect, it } from "vitest";
import { attachmentDisposition, cleanFileName, storedFileName } from "~/utils/uploads.server";

describe("cleanFileName", () => {
  it("keeps Unicode and `=`, drops paths, control and invisible format characters, leading dots", () => {
    expect(cleanFileName("报告.pdf")).toBe("报告.pdf");
    expect(cleanFileName("verbale=2026.pdf")).toBe("verbale=2026.pdf");
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("C:\\fakepath\\a.pdf")).toBe("a.pdf");
    expect(cleanFileName("foto\u202Egpj.exe")).toBe("fotogpj.exe");
    expect(cleanFileName("a\u0000b\r\nc.pdf")).toBe("abc.pdf");
    expect(cleanFileName("\uD800x.pdf")).toBe("x.pdf");
    expect(cleanFileName(".htaccess")).toBe("htaccess");
    expect(cleanFileName("  due   spazi .pdf ")).toBe("due spazi .pdf");
    expect(cleanFileName("e\u0301.pdf")).toBe("é.pdf");
    expect(cleanFileName("")).toBe("");
  });

  it("cuts a long name to 120 characters and keeps its extension, never half an emoji", () => {
    const long = cleanFileName(`${"🙂".repeat(200)}.pdf`);
    expect(Array.from(long)).toHaveLength(120);
    expect(long.endsWith("🙂.pdf")).toBe(true);
  });
});

describe("storedFileName", () => {
  it("takes the extension of the detected type", () => {
    expect(storedFileName("page.html", "pdf")).toBe("page.pdf");
    expect(storedFileName("Relazione.PDF", "pdf")).toBe("Relazione.pdf");
    expect(storedFileName("foto.jpeg", "jpg")).toBe("foto.jpg");
    expect(storedFileName("senza estensione", "odt")).toBe("senza estensione.odt");
    expect(storedFileName("报告.pdf", "pdf")).toBe("报告.pdf");
    expect(storedFileName("", "png")).toBe("file.png");
    expect(storedFileName("...", "png")).toBe("file.png");
  });
});

describe("attachmentDisposition", () => {
  it("is attachment with a quoted ASCII filename, and filename* when the name is not ASCII", () => {
    expect(attachmentDisposition("a.pdf")).toBe('attachment; filename="a.pdf"');
    expect(attachmentDisposition("verbale=2026.pdf")).toBe('attachment; filename="verbale=2026.pdf"');
    expect(attachmentDisposition("报告.pdf")).toBe(
      "attachment; filename=\"file.pdf\"; filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf",
    );
    expect(attachmentDisposition("relazione è.pdf")).toBe(
      "attachment; filename=\"relazione e.pdf\"; filename*=UTF-8''relazione%20%C3%A8.pdf",
    );
    for (const name of ["报告.pdf", 'a"b.pdf', "50%.pdf", "x;y=z.pdf", "🙂.png"]) {
      expect(parse(attachmentDisposition(name)).parameters.filename, name).toBe(name);
      // Every byte of the header is ASCII, which Node accepts in any header.
      expect(/^[\x20-\x7e]*$/.test(attachmentDisposition(name)), name).toBe(true);
    }
  });
});
