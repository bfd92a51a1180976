// Malformed input over every action (docs/security.md, "Input and output"): a generated,
// deterministic set of bodies — unparsable ones, and forms whose fields carry odd values —
// sent by a user the guard lets through. No answer may be a server error, and an answer
// that refuses the input (4xx) must leave the database exactly as it was.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { callRoute, makeRequest, ORIGIN } from "../support";
import { createAccessFixture, WHO } from "./access-fixture";
import { MATRIX } from "./access-matrix";

type Handler = Parameters<typeof callRoute>[0];
type Fixture = Awaited<ReturnType<typeof createAccessFixture>>;

const modules = import.meta.glob<{ action?: Handler }>("../../app/routes/*.tsx", { eager: true });

/**
 * The forms of each action: the intents that pick a branch and the fields they read. Intents
 * that are valid without any field (cancel a session, sync the content, mark a lesson, all
 * present, deactivate, log out) are left out: they are not malformed input.
 */
const FORMS: Record<string, { intents: (string | null)[]; fields: string[] }> = {
  admin: { intents: [null, "nulla"], fields: [] },
  "catalogo.importa._index": { intents: [null], fields: ["files"] },
  "edizioni.$id.consegne": { intents: ["review"], fields: ["submissionId", "decision", "feedback"] },
  "edizioni.$id.incontri.$sessionId": {
    intents: ["update", "save-attendance"],
    fields: ["title", "unitId", "date", "start", "end", "mode", "place", "link", "status-$p", "minutes-$p", "mode-$p"],
  },
  "edizioni.$id.incontri.nuovo": {
    intents: [null],
    fields: ["title", "unitId", "date", "start", "end", "mode", "place", "link"],
  },
  "fabbisogni._index": {
    intents: ["merge", "accept"],
    fields: ["targetId", "needIds", "needId", "impact", "feasibility"],
  },
  "fabbisogni.$id": { intents: ["discard", "accept"], fields: ["reason", "impact", "feasibility"] },
  "fabbisogni.nuovo": {
    intents: [null],
    fields: [
      "title",
      "description",
      "organisationIds",
      "dimensionCode",
      "impact",
      "feasibility",
      "mustRequirements",
      "shouldRequirements",
      "budgetCapEuro",
      "timeCapMonths",
      "sourceKind",
      "sourceNote",
      "citizenRequestId",
    ],
  },
  "fabbisogni.richieste": {
    intents: ["approve", "reject", "spam", "merge", "link"],
    fields: ["requestId", "summary", "confirmPersonalData", "rejectReason", "targetId", "needId"],
  },
  "gestione.edizioni._index": {
    intents: ["create"],
    fields: ["moduleId", "phaseId", "areaId", "code", "title", "startsOn", "endsOn"],
  },
  "gestione.edizioni.$id": {
    intents: ["enrol", "bulk", "withdraw", "reenrol", "add-trainer", "remove-trainer"],
    fields: ["personId", "organisationId", "position", "userId"],
  },
  "imposta-password.$token": { intents: [null], fields: ["password", "confirm"] },
  lingua: { intents: [null], fields: ["lng", "redirectTo"] },
  login: { intents: [null], fields: ["email", "password", "redirectTo"] },
  "maturita.nuova": { intents: [null], fields: ["editionId", "title", "opensOn", "closesOn", "sharedGapThreshold"] },
  "maturita.$cycle._index": { intents: [null, "nulla"], fields: [] },
  "maturita.$cycle.$istat._index": {
    intents: ["save", "submit", "validate", "reopen", "add-evidence", "remove-evidence"],
    fields: [
      "dimension",
      "version",
      "reason",
      "answers.ORG-01.value",
      "answers.ORG-01.na",
      "kind",
      "url",
      "actDate",
      "evidenceId",
    ],
  },
  "maturita.$cycle.$istat.profilo": { intents: [null], fields: ["items"] },
  "percorso.$module._index": { intents: ["check-in"], fields: ["sessionId", "code"] },
  "percorso.$module.$unit": {
    intents: ["check-in", "submit-quiz", "submit-lab", "submit-survey"],
    fields: ["sessionId", "code", "q-q1", "q-q2", "text", "item-s1", "item-s2"],
  },
  "persone.$id": {
    intents: ["update", "nulla"],
    fields: ["firstName", "lastName", "email", "organisationId", "position", "gender", "birthYear", "educationLevel"],
  },
  "persone.importa": { intents: ["commit"], fields: ["token"] },
  "persone.nuova": {
    intents: [null],
    fields: ["firstName", "lastName", "email", "organisationId", "position", "birthYear", "createAccount", "roles"],
  },
  "segnala.$istat._index": {
    intents: [null],
    fields: [
      "topic",
      "text",
      "currentContact",
      "ageBand",
      "contactEmail",
      "contactConsent",
      "privacy",
      "website",
      "startedAt",
    ],
  },
  "segnala.$istat.richieste": { intents: [null], fields: ["requestId"] },
};

const ODD_VALUES = [
  "",
  " ",
  "0",
  "-1",
  "0x1F",
  "217.0",
  "1e3",
  "99999999999999999999",
  "NaN",
  "null",
  "a".repeat(10_000),
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "\u0000",
  "报告=2026.pdf",
  "2026-02-30",
  "0000-00-00",
  "25:99",
  "https://evil.example/",
  "🙂",
];

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generated request body; `unparsable` ones must be refused whatever the form. */
type Body = { label: string; body: BodyInit; contentType?: string; unparsable?: boolean };

/** The generated bodies of one action's form. */
function bodiesFor(route: string, personId: string): Body[] {
  const { intents, fields } = FORMS[route];
  const names = fields.map((f) => f.replace("$p", personId));
  const form = (entries: [string, string][]) => {
    const body = new URLSearchParams();
    for (const [k, v] of entries) body.append(k, v);
    return body;
  };
  const withIntent = (intent: string | null, entries: [string, string][]): [string, string][] =>
    intent === null ? entries : [["intent", intent], ...entries];
  const out: Body[] = [
    {
      label: "JSON",
      unparsable: true,
      body: JSON.stringify({ intent: intents[0], [names[0] ?? "x"]: "1" }),
      contentType: "application/json",
    },
    { label: "text/plain", unparsable: true, body: "intent=qualcosa", contentType: "text/plain" },
    { label: "no content type", unparsable: true, body: "intent=%ZZ&a=%", contentType: "" },
    {
      label: "truncated multipart",
      unparsable: true,
      body: `--XyZ\r\nContent-Disposition: form-data; name="intent"\r\n\r\n${intents[0] ?? "x"}\r\n--XyZ\r\nContent-Disposition: form-data; name="file"; filename="verbale=2026.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 trunc`,
      contentType: "multipart/form-data; boundary=XyZ",
    },
    { label: "multipart without boundary", unparsable: true, body: "--\r\n", contentType: "multipart/form-data" },
    { label: "empty form", body: form([]) },
  ];
  for (const intent of intents) {
    out.push({ label: `intent ${intent} alone`, body: form(withIntent(intent, [])) });
    for (const value of ODD_VALUES) {
      out.push({
        label: `intent ${intent}, every field ${JSON.stringify(value.slice(0, 12))}`,
        body: form(
          withIntent(
            intent,
            names.map((n) => [n, value]),
          ),
        ),
      });
    }
    for (const name of names) {
      for (const value of ODD_VALUES) {
        out.push({
          label: `intent ${intent}, ${name}=${JSON.stringify(value.slice(0, 12))}`,
          body: form(withIntent(intent, [[name, value]])),
        });
      }
      // The same field twice, as arrays arrive.
      out.push({
        label: `intent ${intent}, ${name} repeated`,
        body: form(
          withIntent(intent, [
            [name, "1"],
            [name, "2"],
          ]),
        ),
      });
    }
  }
  const next = random(route.length * 7919);
  for (let i = 0; i < 25; i++) {
    const intent = intents[Math.floor(next() * intents.length)];
    const chosen = names
      .filter(() => next() < 0.5)
      .map((n): [string, string] => [n, ODD_VALUES[Math.floor(next() * ODD_VALUES.length)]]);
    out.push({ label: `random #${i}`, body: form(withIntent(intent, chosen)) });
  }
  return out;
}

/** Everything the app stores, but the session bookkeeping and the login log (touched by reads and logins). */
async function snapshot(): Promise<string> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT name FROM sqlite_master
    WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%'
      AND name NOT IN ('AuthSession', 'LoginAttempt', 'RateLimit')
    ORDER BY name`;
  const hash = createHash("sha256");
  for (const { name } of tables) {
    // The names come from SQLite's own catalogue, not from input.
    const rows = await prisma.$queryRaw<unknown[]>`SELECT * FROM ${Prisma.raw(`"${name}"`)} ORDER BY rowid`;
    hash.update(name).update(JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? String(v) : v)));
  }
  return hash.digest("hex");
}

let fixture: Fixture;
beforeAll(async () => {
  fixture = await createAccessFixture();
});

describe("fuzzing every action with malformed input", () => {
  it("knows the form of every action of the matrix", () => {
    const withAction = Object.entries(MATRIX)
      .filter(([, row]) => row.action)
      .map(([name]) => name)
      .filter((name) => name !== "logout");
    expect(withAction.filter((name) => !(name in FORMS))).toEqual([]);
  });

  for (const route of Object.keys(FORMS)) {
    it(`${route}: no server error, and a refusal writes nothing`, async () => {
      const row = MATRIX[route];
      // The first user the guard lets through to validation (the matrix says 400 for them).
      const who = WHO.find((w) => row.action?.[w] === 400)!;
      const action = modules[`../../app/routes/${route}.tsx`].action!;
      const path = row.path(fixture.params);
      const params = row.params?.(fixture.params) ?? {};
      const bodies = bodiesFor(route, fixture.params.personId);
      for (const { label, body, contentType, unparsable } of bodies) {
        const request = makeRequest(path, { cookie: fixture.cookies[who], method: "POST" });
        const headers = new Headers(request.headers);
        if (contentType !== undefined) {
          if (contentType) headers.set("Content-Type", contentType);
        } else headers.set("Content-Type", "application/x-www-form-urlencoded");
        const before = await snapshot();
        let status: number;
        try {
          ({ status } = await callRoute(
            action,
            new Request(`${ORIGIN}${path}`, { method: "POST", headers, body }),
            params,
          ));
        } catch (error) {
          throw new Error(`${route} · ${label}: threw ${error instanceof Error ? error.message : String(error)}`);
        }
        expect(status, `${route} · ${label}`).toBeLessThan(500);
        if (unparsable) expect(status, `${route} · ${label}`).toBe(400);
        if (status >= 400) {
          expect(await snapshot(), `${route} · ${label}: refused (${status}) but wrote`).toBe(before);
        }
      }
    }, 120_000);
  }
});
