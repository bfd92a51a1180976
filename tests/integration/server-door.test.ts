// The checks server.js runs before Remix (server/door.js) and how the app logs what
// clients got wrong (issue "House", the door).
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { handleError } from "~/entry.server";
import { refuseCrossOriginWrites, refuseOtherMethods } from "../../server/door.js";

let base = "";
let server: ReturnType<ReturnType<typeof express>["listen"]>;
const reached: string[] = [];

beforeAll(async () => {
  const app = express();
  app.use(refuseOtherMethods, refuseCrossOriginWrites);
  app.all("*", (req, res) => {
    reached.push(`${req.method} ${req.path}`);
    res.send("ok");
  });
  await new Promise<void>((resolve) => {
    server = app.listen(0, "127.0.0.1", () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The JSON lines the code under test writes to stdout, with logs switched on. */
async function logged(run: () => Promise<unknown> | unknown) {
  const lines: string[] = [];
  const level = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = "info";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  const errors = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    lines.push(`stderr:${String(chunk)}`);
    return true;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
    errors.mockRestore();
    process.env.LOG_LEVEL = level;
  }
  return lines;
}

describe("methods", () => {
  it("PUT, DELETE, PATCH and OPTIONS answer 405 with Allow and an Italian message, and reach no action", async () => {
    for (const method of ["PUT", "DELETE", "PATCH", "OPTIONS"]) {
      let response: Response | undefined;
      const lines = await logged(async () => {
        response = await fetch(`${base}/edizioni/1/incontri/nuovo`, {
          method,
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
          body: method === "OPTIONS" ? undefined : "title=Incontro",
        });
      });
      expect(response!.status, method).toBe(405);
      expect(response!.headers.get("allow")).toBe("GET, HEAD, POST");
      expect(await response!.text()).toMatch(/^Metodo non consentito/);
      const entry = JSON.parse(lines.find((l) => l.includes("http.method_not_allowed"))!);
      expect(entry).toMatchObject({ level: "warn", method, path: "/edizioni/1/incontri/nuovo" });
      expect(entry.stack).toBeUndefined();
    }
    expect(reached).toEqual([]);
  });

  it("GET, HEAD and same-origin POST pass", async () => {
    expect((await fetch(`${base}/`)).status).toBe(200);
    expect((await fetch(`${base}/`, { method: "HEAD" })).status).toBe(200);
    const post = await fetch(`${base}/login`, { method: "POST", headers: { Origin: base }, body: "email=a" });
    expect(post.status).toBe(200);
    expect(reached).toEqual(["GET /", "HEAD /", "POST /login"]);
  });
});

describe("cross-origin writes", () => {
  it("a POST from another origin, an opaque origin or a cross-site fetch is 403 before any action", async () => {
    reached.length = 0;
    const cases: Record<string, string>[] = [
      { Origin: "http://evil.example" },
      { Origin: "null" },
      { Origin: "not a url" },
      { "Sec-Fetch-Site": "cross-site" },
    ];
    for (const headers of cases) {
      const response = await fetch(`${base}/persone/nuova`, { method: "POST", headers, body: "email=x" });
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(await response.text()).toBe("Richiesta da un'altra origine rifiutata.");
    }
    expect(reached).toEqual([]);
  });
});

describe("what the app logs for a client's mistake", () => {
  const request = () => new Request("http://capacitas.test/non-esiste/davvero", { headers: { "x-request-id": "r-1" } });
  const args = () => ({ request: request(), params: {}, context: {} });

  it("an unknown URL is logged at info with its path, not as an error", async () => {
    // What Remix hands over when no route matches.
    const notFound = { status: 404, statusText: "Not Found", internal: true, data: "", error: new Error("No route") };
    const lines = await logged(() => handleError(notFound, args()));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      event: "http.not_found",
      path: "/non-esiste/davvero",
      requestId: "r-1",
    });
    expect(lines[0]).not.toContain("stack");
  });

  it("a POST to a page without a form is a warning without a stack; a real failure stays an error", async () => {
    const noAction = { status: 405, statusText: "Method Not Allowed", internal: true, data: "", error: new Error("x") };
    const warn = await logged(() => handleError(noAction, args()));
    expect(JSON.parse(warn[0]!)).toMatchObject({ level: "warn", event: "http.405", path: "/non-esiste/davvero" });
    expect(warn[0]).not.toContain("stack");
    const failure = await logged(() => handleError(new Error("disco pieno"), args()));
    expect(failure[0]).toMatch(/^stderr:/);
    expect(JSON.parse(failure[0]!.slice("stderr:".length))).toMatchObject({ event: "error", message: "disco pieno" });
  });
});
