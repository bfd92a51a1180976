// Uploads at the door (docs/decisions/015-upload-parsing.md): file names as browsers send
// them (Unicode, `=`, `filename*`, paths), the stored name taking the detected type's
// extension, downloads whose Content-Disposition carries the name, and bodies refused with a
// 400 — truncated, over-size (also through a real socket), too many files — writing nothing.
import { existsSync, readdirSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { parse as parseDisposition } from "content-disposition";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as download from "~/routes/consegne.$id.file";
import * as unitPage from "~/routes/percorso.$module.$unit";
import * as importa from "~/routes/persone.importa";
import { prisma } from "~/utils/db.server";
import { createSession } from "~/utils/session.server";
import { MAX_UPLOAD_BYTES } from "~/utils/uploads.server";
import {
  callRoute,
  createArea,
  createModuleFixture,
  createUserWithSession,
  makeRequest,
  ORIGIN,
  payload,
  replyErrors,
} from "../support";

const PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);
const UNREADABLE = /modulo inviato non è leggibile/;

/** A multipart body as undici (and browsers) write it, from a FormData. */
function formRequest(pathname: string, cookie: string, form: FormData) {
  return new Request(`${ORIGIN}${pathname}`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: ORIGIN },
    body: form,
  });
}

/** A multipart body written by hand: the part headers exactly as given. */
function rawRequest(pathname: string, cookie: string, parts: { headers: string; body: Uint8Array | string }[]) {
  const boundary = "----capacitasBoundary7MA4YWxk";
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    chunks.push(encoder.encode(`--${boundary}\r\n${part.headers}\r\n\r\n`));
    chunks.push(typeof part.body === "string" ? encoder.encode(part.body) : part.body);
    chunks.push(encoder.encode("\r\n"));
  }
  chunks.push(encoder.encode(`--${boundary}--\r\n`));
  return new Request(`${ORIGIN}${pathname}`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: ORIGIN, "Content-Type": `multipart/form-data; boundary=${boundary}` },
    body: Buffer.concat(chunks),
  });
}

const intentPart = { headers: 'Content-Disposition: form-data; name="intent"', body: "submit-lab" };

let lab: Awaited<ReturnType<typeof createModuleFixture>>;
let trainerCookie: string;
const uploadsDir = () => process.env.UPLOADS_DIR!;
const storedFiles = () =>
  existsSync(uploadsDir()) ? readdirSync(uploadsDir(), { recursive: true }).filter((p) => String(p).includes(".")) : [];

beforeAll(async () => {
  lab = await createModuleFixture({ units: [{ slug: "laboratorio", kind: "LAB" }] });
  trainerCookie = (await createSession(lab.trainer.id, new Request(ORIGIN))).setCookie.split(";")[0];
});

/** A new learner of the lab's edition hands in the request built for their cookie. */
async function handIn(build: (path: string, cookie: string) => Request) {
  const learner = await lab.enrolLearner();
  const path = `/percorso/${lab.module.slug}/laboratorio`;
  const reply = await callRoute(unitPage.action, build(path, learner.cookie), {
    module: lab.module.slug,
    unit: "laboratorio",
  });
  const submission = await prisma.labSubmission.findFirst({
    where: { personId: learner.person.id },
    select: { id: true, fileName: true, fileType: true, fileKey: true },
  });
  return { ...reply, learner, submission };
}

async function downloadAs(cookie: string, id: number) {
  const { status, result } = await callRoute(download.loader, makeRequest(`/consegne/${id}/file`, { cookie }), {
    id: String(id),
  });
  return { status, response: result as Response };
}

function withFile(name: string, bytes: Uint8Array, type = "application/pdf") {
  const form = new FormData();
  form.append("intent", "submit-lab");
  form.append("file", new File([bytes.slice()], name, { type }));
  return form;
}

describe("file names at the door", () => {
  it("a Unicode name is stored as sent and downloads for learner and trainer with filename*", async () => {
    const { status, learner, submission } = await handIn((path, cookie) =>
      formRequest(path, cookie, withFile("报告.pdf", PDF)),
    );
    expect(status).toBe(302);
    expect(submission).toMatchObject({ fileName: "报告.pdf", fileType: "application/pdf" });
    for (const cookie of [learner.cookie, trainerCookie]) {
      const { status, response } = await downloadAs(cookie, submission!.id);
      expect(status).toBe(200);
      const disposition = response.headers.get("Content-Disposition")!;
      expect(disposition).toContain("filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf");
      expect(parseDisposition(disposition)).toMatchObject({ type: "attachment", parameters: { filename: "报告.pdf" } });
      expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(PDF);
    }
  });

  it("a name with `=` uploads and downloads under that name", async () => {
    const { status, learner, submission } = await handIn((path, cookie) =>
      formRequest(path, cookie, withFile("verbale=2026.pdf", PDF)),
    );
    expect(status).toBe(302);
    expect(submission?.fileName).toBe("verbale=2026.pdf");
    const { status: got, response } = await downloadAs(learner.cookie, submission!.id);
    expect(got).toBe(200);
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="verbale=2026.pdf"');
  });

  it("reads an RFC 5987 filename* and keeps only the last segment of a path", async () => {
    const star = await handIn((path, cookie) =>
      rawRequest(path, cookie, [
        intentPart,
        {
          headers: `Content-Disposition: form-data; name="file"; filename="relazione.pdf"; filename*=UTF-8''relazione%20%C3%A8%3D1.pdf\r\nContent-Type: application/pdf`,
          body: PDF,
        },
      ]),
    );
    expect(star.status).toBe(302);
    expect(star.submission?.fileName).toBe("relazione è=1.pdf");
    const { response } = await downloadAs(star.learner.cookie, star.submission!.id);
    expect(parseDisposition(response.headers.get("Content-Disposition")!).parameters.filename).toBe(
      "relazione è=1.pdf",
    );

    const withPath = await handIn((path, cookie) =>
      formRequest(path, cookie, withFile("../../Documenti/mappa\u202Efdp.pdf", PDF)),
    );
    expect(withPath.status).toBe(302);
    expect(withPath.submission?.fileName).toBe("mappafdp.pdf");
    expect(withPath.submission?.fileKey).not.toMatch(/mappa|Documenti/);
  });

  it("a PDF named page.html is stored as page.pdf, with the PDF type", async () => {
    const { status, learner, submission } = await handIn((path, cookie) =>
      formRequest(path, cookie, withFile("page.html", PDF, "text/html")),
    );
    expect(status).toBe(302);
    expect(submission).toMatchObject({ fileName: "page.pdf", fileType: "application/pdf" });
    expect(submission?.fileKey).toMatch(/\.pdf$/);
    const { response } = await downloadAs(learner.cookie, submission!.id);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="page.pdf"');
  });
});

describe("bodies refused with a 400 that write nothing", () => {
  it("over-size: the Italian message next to the file input, no row and no file", async () => {
    const before = storedFiles().length;
    const big = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    big.set(PDF);
    const streamed = await handIn((path, cookie) => formRequest(path, cookie, withFile("grande.pdf", big)));
    expect(streamed.status).toBe(400);
    expect(replyErrors(streamed.result).file).toEqual(["Il file supera la dimensione massima di 10 MB."]);
    expect(streamed.submission).toBeNull();

    // A declared length past the limit is refused before parsing, with the same reply.
    const declared = await handIn((path, cookie) => {
      const request = rawRequest(path, cookie, [
        intentPart,
        { headers: 'Content-Disposition: form-data; name="file"; filename="grande.pdf"', body: big },
      ]);
      request.headers.set("Content-Length", String(MAX_UPLOAD_BYTES + 200_000));
      return request;
    });
    expect(declared.status).toBe(400);
    expect(replyErrors(declared.result).file).toEqual(["Il file supera la dimensione massima di 10 MB."]);
    expect(declared.submission).toBeNull();
    expect(storedFiles()).toHaveLength(before);
  });

  it("truncated, without boundary, with two files or with headers that are not UTF-8", async () => {
    const before = storedFiles().length;
    const path = `/percorso/${lab.module.slug}/laboratorio`;
    const learner = await lab.enrolLearner();
    const send = (body: BodyInit, contentType: string) =>
      callRoute(
        unitPage.action,
        new Request(`${ORIGIN}${path}`, {
          method: "POST",
          headers: { Cookie: learner.cookie, Origin: ORIGIN, "Content-Type": contentType },
          body,
        }),
        { module: lab.module.slug, unit: "laboratorio" },
      );
    const truncated = await send(
      `--XyZ\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsubmit-lab\r\n--XyZ\r\nContent-Disposition: form-data; name="file"; filename="verbale=2026.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 trunc`,
      "multipart/form-data; boundary=XyZ",
    );
    const noBoundary = await send("--\r\n", "multipart/form-data");
    const notUtf8 = await send(
      Buffer.concat([
        Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="file"; filename="'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('.pdf"\r\n\r\n%PDF-1.4\r\n--XyZ--\r\n'),
      ]),
      "multipart/form-data; boundary=XyZ",
    );
    const form = withFile("a.pdf", PDF);
    form.append("file", new File([PDF], "b.pdf", { type: "application/pdf" }));
    const twoFiles = await callRoute(unitPage.action, formRequest(path, learner.cookie, form), {
      module: lab.module.slug,
      unit: "laboratorio",
    });
    for (const [label, reply] of Object.entries({ truncated, noBoundary, notUtf8, twoFiles })) {
      expect(reply.status, label).toBe(400);
      expect(payload<{ message: string }>(reply.result).message, label).toMatch(UNREADABLE);
    }
    expect(await prisma.labSubmission.count({ where: { personId: learner.person.id } })).toBe(0);
    expect(storedFiles()).toHaveLength(before);
  });

  it("over-size through a socket: the client still sending gets the 400, not a reset", async () => {
    const learner = await lab.enrolLearner();
    const params = { module: lab.module.slug, unit: "laboratorio" };
    // What @remix-run/express does with Node's request: a web stream over it, then the action.
    const server = http.createServer(async (req, res) => {
      const request = new Request(`${ORIGIN}${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: createReadableStreamFromReadable(req),
        duplex: "half",
      } as RequestInit);
      const { status, result } = await callRoute(unitPage.action, request, params);
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(payload(result)));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const port = (server.address() as AddressInfo).port;

    const boundary = "socketBoundary";
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsubmit-lab\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="grande.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const chunk = Buffer.alloc(256 * 1024, 0x41);
    const chunks = Math.ceil((MAX_UPLOAD_BYTES + 1024 * 1024) / chunk.length);

    for (const declareLength of [false, true]) {
      const reply = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = http.request({
          host: "127.0.0.1",
          port,
          method: "POST",
          path: `/percorso/${lab.module.slug}/laboratorio`,
          headers: {
            Cookie: learner.cookie,
            Origin: ORIGIN,
            "Content-Type": `multipart/form-data; boundary=${boundary}`,
            ...(declareLength ? { "Content-Length": head.length + chunks * chunk.length + tail.length } : {}),
          },
        });
        request.on("response", (response) => {
          let body = "";
          response.setEncoding("utf8");
          response.on("data", (d: string) => (body += d));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        });
        request.on("error", reject);
        void (async () => {
          request.write(head);
          for (let i = 0; i < chunks; i++) {
            if (!request.write(chunk)) await new Promise((r) => request.once("drain", r));
          }
          request.end(tail);
        })();
      });
      expect(reply.status, `Content-Length declared: ${declareLength}`).toBe(400);
      expect(reply.body).toContain("Il file supera la dimensione massima di 10 MB.");
    }
    expect(await prisma.labSubmission.count({ where: { personId: learner.person.id } })).toBe(0);
  }, 30_000);
});

describe("roster import at the door", () => {
  let coordinator: string;
  let row: string;
  beforeAll(async () => {
    const { area, comune } = await createArea("Valle Uploads");
    coordinator = (
      await createUserWithSession(comune.id, [{ role: "COORDINATOR", areaId: area.id }], { position: "EXTERNAL" })
    ).cookie;
    row = `Anna;Bianchi;anna.bianchi@uploads.example;${comune.name};dipendente;;;F;;;;no`;
  });
  const HEADER = "nome;cognome;email;ente;ruolo;carica;ufficio;genere;anno_nascita;titolo_studio;edizione;account";

  function importRequest(parts: [string, File][]) {
    const form = new FormData();
    for (const [name, file] of parts) form.append(name, file);
    return formRequest("/persone/importa", coordinator, form);
  }

  it("odd file names are read, and the batch keeps the cleaned name", async () => {
    for (const [sent, kept] of [
      ["elenco=2026.csv", "elenco=2026.csv"],
      ["名单 2026.csv", "名单 2026.csv"],
      ["../elenchi/persone.csv", "persone.csv"],
    ]) {
      const file = new File([`${HEADER}\r\n${row}\r\n`], sent, { type: "text/csv" });
      const { status, result } = await callRoute(importa.action, importRequest([["file", file]]));
      expect(status, sent).toBe(302);
      const token = new URL((result as Response).headers.get("Location")!, ORIGIN).searchParams.get("lotto")!;
      expect((await prisma.importBatch.findUniqueOrThrow({ where: { token } })).fileName).toBe(kept);
    }
  });

  it("a truncated body, two files or an over-size file are a 400 and no batch", async () => {
    const before = await prisma.importBatch.count();
    const truncated = await callRoute(
      importa.action,
      new Request(`${ORIGIN}/persone/importa`, {
        method: "POST",
        headers: { Cookie: coordinator, Origin: ORIGIN, "Content-Type": "multipart/form-data; boundary=XyZ" },
        body: `--XyZ\r\nContent-Disposition: form-data; name="file"; filename="verbale=2026.csv"\r\nContent-Type: text/csv\r\n\r\n${HEADER}\r\n`,
      }),
    );
    expect(truncated.status).toBe(400);
    expect(payload<{ message: string }>(truncated.result).message).toMatch(UNREADABLE);

    const csv = () => new File([`${HEADER}\r\n${row}\r\n`], "a.csv", { type: "text/csv" });
    const two = await callRoute(
      importa.action,
      importRequest([
        ["file", csv()],
        ["file", csv()],
      ]),
    );
    expect(two.status).toBe(400);

    const big = new File([`${HEADER}\r\n${"x".repeat(2 * 1024 * 1024)}`], "grande.csv", { type: "text/csv" });
    const tooBig = await callRoute(importa.action, importRequest([["file", big]]));
    expect(tooBig.status).toBe(400);
    expect(replyErrors(tooBig.result).file).toEqual([
      "Il file supera la dimensione massima di 2 MB: dividilo in più file.",
    ]);
    expect(await prisma.importBatch.count()).toBe(before);
  });
});
