// The edges of the door (issue "House", the door): odd ids, bodies the server cannot read,
// impossible dates. Each answers 4xx with an Italian message and changes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import * as consegna from "~/routes/consegne.$id.file";
import * as sessionPage from "~/routes/edizioni.$id.incontri.$sessionId";
import * as nuovo from "~/routes/edizioni.$id.incontri.nuovo";
import * as roster from "~/routes/edizioni.$id._index";
import * as persona from "~/routes/persone.$id";
import { prisma } from "~/utils/db.server";
import { callRoute, makeRequest, ORIGIN, payload, replyErrors } from "../support";
import { createAccessFixture } from "./access-fixture";

let fx: Awaited<ReturnType<typeof createAccessFixture>>;
beforeAll(async () => {
  fx = await createAccessFixture();
});

describe("ids", () => {
  const ODD = ["0x1F", "0xd9", "217.0", "1e2", " 31", "031", "-1", "0", "99999999999999999999", "31abc", "Infinity"];

  it("reads only decimal digits: every other spelling of an id is 404, and the real one answers", async () => {
    const real = fx.params.editionId;
    const trainer = fx.cookies["trainer of the edition"];
    for (const id of ODD) {
      const { status } = await callRoute(roster.loader, makeRequest(`/edizioni/x`, { cookie: trainer }), { id });
      expect(status, id).toBe(404);
    }
    expect(
      (await callRoute(roster.loader, makeRequest(`/edizioni/${real}`, { cookie: trainer }), { id: real })).status,
    ).toBe(200);
  });

  it("a 20-digit or hex submission id is 404, not 500", async () => {
    for (const id of ["99999999999999999999", "0x1", fx.params.submissionId + ".0"]) {
      const { status } = await callRoute(
        consegna.loader,
        makeRequest("/consegne/x/file", { cookie: fx.cookies.learner }),
        { id },
      );
      expect(status, id).toBe(404);
    }
  });

  it("odd ids in the session and person routes are 404 for those who may see the real ones", async () => {
    const trainer = fx.cookies["trainer of the edition"];
    for (const sessionId of ODD) {
      const params = { id: fx.params.editionId, sessionId };
      expect(
        (await callRoute(sessionPage.loader, makeRequest("/x", { cookie: trainer }), params)).status,
        sessionId,
      ).toBe(404);
    }
    for (const id of ODD) {
      expect(
        (await callRoute(persona.loader, makeRequest("/x", { cookie: fx.cookies.coordinator }), { id })).status,
        id,
      ).toBe(404);
    }
  });
});

describe("bodies the server cannot read", () => {
  it("answer 400 with an Italian message and write nothing", async () => {
    const path = `/edizioni/${fx.params.editionId}/incontri/nuovo`;
    const before = await prisma.session.count();
    const bodies: [string, BodyInit][] = [
      ["application/json", JSON.stringify({ title: "Incontro", date: "2026-12-10" })],
      ["text/plain", "title=Incontro"],
      ["multipart/form-data; boundary=abc", '--abc\r\nContent-Disposition: form-data; name="title"\r\n\r\nIncon'],
    ];
    for (const [type, body] of bodies) {
      const headers = new Headers({
        Origin: ORIGIN,
        Cookie: fx.cookies["trainer of the edition"]!,
        "Content-Type": type,
      });
      const { status, result } = await callRoute(
        nuovo.action,
        new Request(`${ORIGIN}${path}`, { method: "POST", headers, body }),
        { id: fx.params.editionId },
      );
      expect(status, type).toBe(400);
      expect(payload<{ message: string }>(result).message, type).toMatch(/modulo inviato non è leggibile/);
    }
    expect(await prisma.session.count()).toBe(before);
  });
});

describe("dates", () => {
  it("a session on an impossible date is refused next to the date field, and none is created", async () => {
    const path = `/edizioni/${fx.params.editionId}/incontri/nuovo`;
    const before = await prisma.session.count();
    for (const date of ["0000-00-00", "2026-02-30", "2026-13-01", "2027-02-29", "26-12-01"]) {
      const { status, result } = await callRoute(
        nuovo.action,
        makeRequest(path, {
          cookie: fx.cookies["trainer of the edition"],
          form: { title: "Incontro di prova", date, start: "09:00", end: "11:00", mode: "PRESENCE", place: "Sala" },
        }),
        { id: fx.params.editionId },
      );
      expect(status, date).toBe(400);
      expect(replyErrors(result).date, date).toEqual(["Inserisci la data dell'incontro (gg/mm/aaaa)."]);
    }
    expect(await prisma.session.count()).toBe(before);
    // A real leap day is a real date.
    const ok = await callRoute(
      nuovo.action,
      makeRequest(path, {
        cookie: fx.cookies["trainer of the edition"],
        form: {
          title: "Incontro di prova",
          date: "2028-02-29",
          start: "09:00",
          end: "11:00",
          mode: "PRESENCE",
          place: "Sala",
        },
      }),
      { id: fx.params.editionId },
    );
    expect(ok.status).toBe(302);
  });
});
