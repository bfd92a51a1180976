// The needs register's screens and the moderation queue, through their loaders and actions
// (spec PHASE2 §5.1, §5.2 "Moderation", §10): each user sees their scope, bad input is 400
// with the message by its field and writes nothing, merges keep every source and comune,
// the exports hold the screen's figures, moderation refuses what must not be published.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import * as detail from "~/routes/fabbisogni.$id";
import * as register from "~/routes/fabbisogni._index";
import * as exportRoute from "~/routes/fabbisogni.esporta.$file";
import * as create from "~/routes/fabbisogni.nuovo";
import * as queue from "~/routes/fabbisogni.richieste";
import {
  callRoute,
  createCycleFixture,
  createModuleFixture,
  createUserWithSession,
  makeRequest,
  payload,
  replyErrors,
} from "../support";

type Handler = Parameters<typeof callRoute>[0];
type Who = "facilitator" | "referentA" | "referentB" | "coordinator";

const cookies = {} as Record<Who, string>;
let areaId = 0;
/** Comuni A, B, C of the area (A: the fixture's). */
const comune = { A: 0, B: 0, C: 0 };
let users = {} as Record<Who, number>;
let seq = 0;

const get = (handler: Handler, path: string, who: Who, params: Record<string, string> = {}) =>
  callRoute(handler, makeRequest(path, { cookie: cookies[who] }), params);
const post = (
  handler: Handler,
  path: string,
  who: Who,
  form: Record<string, string | string[]>,
  params: Record<string, string> = {},
) => callRoute(handler, makeRequest(path, { cookie: cookies[who], form }), params);

/** A need written straight to the database (the register's reads are what is tested here). */
async function need(o: {
  title: string;
  comuni: number[];
  priority: number;
  status?: "PROPOSED" | "OPEN" | "IN_PLAN" | "MERGED" | "DISCARDED";
  source?: "OFFICE_INTERVIEW" | "OBSERVATION" | "DESK_REGISTER" | "ASSESSMENT_GAP" | "CITIZEN_REQUEST" | "OTHER";
  dimension?: boolean;
}) {
  const dimension = o.dimension
    ? await prisma.assessmentDimension.findFirstOrThrow({ where: { code: "SERV" }, select: { id: true } })
    : null;
  return prisma.need.create({
    data: {
      areaId,
      title: o.title,
      description: `Descrizione del fabbisogno «${o.title}», abbastanza lunga.`,
      status: o.status ?? "OPEN",
      scope: o.comuni.length > 1 ? "SHARED" : "LOCAL",
      impact: 3,
      feasibility: 3,
      sharing: 1,
      priority: o.priority,
      dimensionId: dimension?.id ?? null,
      createdById: users.facilitator,
      organisations: { create: o.comuni.map((organisationId) => ({ organisationId })) },
      sources: { create: [{ kind: o.source ?? "OFFICE_INTERVIEW", note: "Nota della fonte" }] },
    },
  });
}

const citizenRequest = (organisationId: number, over: { topic?: "SCUOLA" | "TRIBUTI"; text?: string } = {}) =>
  prisma.citizenRequest.create({
    data: {
      organisationId,
      topic: over.topic ?? "SCUOLA",
      text: over.text ?? "Vorrei iscrivere mia figlia alla mensa scolastica online, senza andare in comune.",
      receiptCode: `T${String(++seq).padStart(9, "0")}`,
    },
  });

type RegisterData = { needs: { id: number; title: string; priority: number; sharing: number; comuni: string[] }[] };
const titles = async (who: Who, search = "") => {
  const { status, result } = await get(register.loader as Handler, `/fabbisogni${search}`, who);
  expect(status).toBe(200);
  return payload<RegisterData>(result).needs.map((n) => n.title);
};

beforeAll(async () => {
  const fx = await createModuleFixture({ units: [{ slug: "laboratorio", kind: "LAB" }] });
  areaId = fx.area.id;
  comune.A = fx.comune.id;
  for (const key of ["B", "C"] as const) {
    comune[key] = (
      await prisma.organisation.create({ data: { name: `Comune ${key} ${areaId}`, kind: "COMUNE", areaId } })
    ).id;
  }
  const cycle = await createCycleFixture({ areaId, editionId: fx.edition.id, createdById: fx.trainer.id });
  await prisma.assessmentDimension.create({
    data: { frameworkId: cycle.frameworkId, code: "SERV", title: "Servizi", ptChapter: 3, order: 3 },
  });
  const facilitator = await createUserWithSession(comune.A, [{ role: "TRAINER" }], { position: "EXTERNAL" });
  await prisma.editionTrainer.create({ data: { editionId: fx.edition.id, userId: facilitator.user.id } });
  const referentA = await createUserWithSession(comune.A, [{ role: "REFERENT", organisationId: comune.A }]);
  const referentB = await createUserWithSession(comune.B, [{ role: "REFERENT", organisationId: comune.B }]);
  const coordinator = await createUserWithSession(comune.A, [{ role: "COORDINATOR", areaId }], {
    position: "EXTERNAL",
  });
  Object.assign(cookies, {
    facilitator: facilitator.cookie,
    referentA: referentA.cookie,
    referentB: referentB.cookie,
    coordinator: coordinator.cookie,
  });
  users = {
    facilitator: facilitator.user.id,
    referentA: referentA.user.id,
    referentB: referentB.user.id,
    coordinator: coordinator.user.id,
  };
});

describe("the register", () => {
  it("shows each user their scope, by priority, and filters by comune, dimension, source, status and scope", async () => {
    await need({ title: "Reg: solo A", comuni: [comune.A], priority: 3.1, dimension: true });
    await need({ title: "Reg: solo B", comuni: [comune.B], priority: 2.9, source: "DESK_REGISTER" });
    await need({
      title: "Reg: A, B e C",
      comuni: [comune.A, comune.B, comune.C],
      priority: 4.2,
      source: "OBSERVATION",
    });
    await need({ title: "Reg: scartato", comuni: [comune.A], priority: 4.9, status: "DISCARDED" });
    await need({
      title: "Reg: proposto",
      comuni: [comune.A, comune.C],
      priority: 3.5,
      status: "PROPOSED",
      source: "ASSESSMENT_GAP",
    });

    const mine = (list: string[]) => list.filter((t) => t.startsWith("Reg: "));
    expect(mine(await titles("facilitator"))).toEqual(["Reg: A, B e C", "Reg: proposto", "Reg: solo A", "Reg: solo B"]);
    expect(mine(await titles("coordinator"))).toEqual(["Reg: A, B e C", "Reg: proposto", "Reg: solo A", "Reg: solo B"]);
    // A referent sees the needs affecting their comune, and never the app's proposals (they
    // name the comuni that scored low, which referents see only anonymised).
    expect(mine(await titles("referentA"))).toEqual(["Reg: A, B e C", "Reg: solo A"]);
    expect(mine(await titles("referentB"))).toEqual(["Reg: A, B e C", "Reg: solo B"]);

    expect(mine(await titles("facilitator", `?comune=${comune.B}`))).toEqual(["Reg: A, B e C", "Reg: solo B"]);
    expect(mine(await titles("facilitator", "?dimensione=SERV"))).toEqual(["Reg: solo A"]);
    expect(mine(await titles("facilitator", "?fonte=DESK_REGISTER"))).toEqual(["Reg: solo B"]);
    expect(mine(await titles("facilitator", "?stato=DISCARDED"))).toEqual(["Reg: scartato"]);
    expect(mine(await titles("facilitator", "?ambito=SHARED"))).toEqual(["Reg: A, B e C", "Reg: proposto"]);
    expect(mine(await titles("referentA", `?comune=${comune.C}`))).toEqual(["Reg: A, B e C"]);

    const { result } = await get(register.loader as Handler, "/fabbisogni", "facilitator");
    const page = payload<{ formulas: { weights: unknown; comuni: number }[]; can: Record<string, boolean> }>(result);
    expect(page.formulas).toEqual([
      expect.objectContaining({ weights: { impact: 0.4, feasibility: 0.3, sharing: 0.3 }, comuni: 3 }),
    ]);
    expect(page.can).toEqual({ manage: true, propose: true, moderate: true });
    const coordinator = payload<{ can: Record<string, boolean> }>(
      (await get(register.loader as Handler, "/fabbisogni", "coordinator")).result,
    );
    expect(coordinator.can).toEqual({ manage: false, propose: false, moderate: false });
  });

  it("answers 400 to a malformed filter", async () => {
    for (const search of ["?comune=abc", "?comune=99999999999999999999", "?stato=CHIUSO", "?ambito=x", "?fonte=1"]) {
      expect((await get(register.loader as Handler, `/fabbisogni${search}`, "facilitator")).status, search).toBe(400);
    }
  });

  it("a merge keeps every source and comune of the merged needs; a merge of one need alone is refused", async () => {
    const target = await need({ title: "Merge: mensa online", comuni: [comune.A], priority: 2 });
    const other = await need({
      title: "Merge: pagare la mensa",
      comuni: [comune.B],
      priority: 2,
      source: "DESK_REGISTER",
    });
    const alone = await post(register.action as Handler, "/fabbisogni?index", "facilitator", {
      intent: "merge",
      targetId: String(target.id),
      needIds: [String(target.id)],
    });
    expect(alone.status).toBe(400);
    expect(replyErrors(alone.result).needIds).toBeDefined();
    expect((await prisma.need.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("OPEN");
    // A referent does not manage needs.
    const byReferent = await post(register.action as Handler, "/fabbisogni?index", "referentA", {
      intent: "merge",
      targetId: String(target.id),
      needIds: [String(target.id), String(other.id)],
    });
    expect(byReferent.status).toBe(403);

    const merged = await post(register.action as Handler, "/fabbisogni?index", "facilitator", {
      intent: "merge",
      targetId: String(target.id),
      needIds: [String(target.id), String(other.id)],
    });
    expect(merged.status).toBe(302);
    expect((merged.result as Response).headers.get("Location")).toBe(`/fabbisogni/${target.id}?esito=uniti`);
    const page = await get(detail.loader as Handler, `/fabbisogni/${target.id}`, "facilitator", {
      id: String(target.id),
    });
    const shown = payload<{
      need: {
        sources: { kind: string }[];
        organisations: { organisation: { id: number } }[];
        merged: { id: number }[];
        scope: string;
        sharing: number;
      };
    }>(page.result).need;
    expect(shown.sources.map((s) => s.kind).sort()).toEqual(["DESK_REGISTER", "OFFICE_INTERVIEW"]);
    expect(shown.organisations.map((o) => o.organisation.id).sort()).toEqual([comune.A, comune.B].sort());
    expect(shown.merged.map((m) => m.id)).toEqual([other.id]);
    // 2 of the area's 3 comuni: sharing 1 + 4·1/2.
    expect(shown).toMatchObject({ scope: "SHARED", sharing: 3 });
    expect(
      await prisma.need.findUniqueOrThrow({ where: { id: other.id }, select: { status: true, mergedIntoId: true } }),
    ).toEqual({
      status: "MERGED",
      mergedIntoId: target.id,
    });
  });

  it("accepts a proposed need with the facilitator's impact and feasibility, and recomputes its priority", async () => {
    const proposed = await need({
      title: "Accept: divario",
      comuni: [comune.A, comune.B, comune.C],
      priority: 3.6,
      status: "PROPOSED",
    });
    const bad = await post(register.action as Handler, "/fabbisogni?index", "facilitator", {
      intent: "accept",
      needId: String(proposed.id),
      impact: "9",
      feasibility: "0x3",
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(replyErrors(bad.result)).sort()).toEqual(["feasibility", "impact"]);
    expect((await prisma.need.findUniqueOrThrow({ where: { id: proposed.id } })).status).toBe("PROPOSED");
    const ok = await post(register.action as Handler, "/fabbisogni?index", "facilitator", {
      intent: "accept",
      needId: String(proposed.id),
      impact: "5",
      feasibility: "4",
    });
    expect(ok.status).toBe(302);
    // 0.4·5 + 0.3·4 + 0.3·5 (all 3 comuni: sharing 5)
    expect(
      await prisma.need.findUniqueOrThrow({
        where: { id: proposed.id },
        select: { status: true, impact: true, feasibility: true, sharing: true, priority: true },
      }),
    ).toEqual({ status: "OPEN", impact: 5, feasibility: 4, sharing: 5, priority: 4.7 });
    const again = await post(
      detail.action as Handler,
      `/fabbisogni/${proposed.id}`,
      "facilitator",
      {
        intent: "accept",
        impact: "1",
        feasibility: "1",
      },
      { id: String(proposed.id) },
    );
    expect(again.status).toBe(400);
    expect((await prisma.need.findUniqueOrThrow({ where: { id: proposed.id } })).impact).toBe(5);
  });
});

describe("creating a need", () => {
  const valid = (over: Record<string, string | string[]> = {}) => ({
    title: "Prenotazione online della sala civica",
    description: "Oggi si prenota solo di persona in orario d'ufficio: le associazioni chiedono di farlo online.",
    organisationIds: [String(comune.A)],
    sourceKind: "OFFICE_INTERVIEW",
    sourceNote: "Intervista alla segreteria",
    mustRequirements: "Accesso con SPID e CIE\nPagamento con pagoPA",
    shouldRequirements: "Calendario pubblico delle disponibilità",
    budgetCapEuro: "25.000",
    timeCapMonths: "12",
    impact: "3",
    feasibility: "4",
    ...over,
  });

  it("answers 400 with every message by its field, and writes nothing", async () => {
    const before = await prisma.need.count();
    const audits = await prisma.auditLog.count();
    const { status, result } = await post(create.action as Handler, "/fabbisogni/nuovo", "facilitator", {
      title: "ab",
      description: "corta",
      sourceKind: "INVENTATA",
      mustRequirements: "Accesso con SPID\nok",
      budgetCapEuro: "25,50",
      timeCapMonths: "0x0C",
      impact: "6",
    });
    expect(status).toBe(400);
    const errors = replyErrors(result);
    expect(Object.keys(errors).sort()).toEqual(
      [
        "budgetCapEuro",
        "description",
        "feasibility",
        "impact",
        "mustRequirements",
        "organisationIds",
        "sourceKind",
        "timeCapMonths",
        "title",
      ].sort(),
    );
    expect(errors.mustRequirements).toEqual(["Riga 2: Descrivi il requisito."]);
    expect(errors.organisationIds).toEqual(["Scegli almeno un comune interessato."]);
    expect(await prisma.need.count()).toBe(before);
    expect(await prisma.auditLog.count()).toBe(audits);
  });

  it("a referent records needs of their own comune only", async () => {
    const before = await prisma.need.count();
    const other = await post(
      create.action as Handler,
      "/fabbisogni/nuovo",
      "referentA",
      valid({ organisationIds: [String(comune.B)] }),
    );
    expect(other.status).toBe(400);
    expect(replyErrors(other.result).organisationIds).toEqual(["Puoi indicare solo il tuo comune."]);
    const foreign = await post(
      create.action as Handler,
      "/fabbisogni/nuovo",
      "referentA",
      valid({ organisationIds: ["999999"] }),
    );
    expect(foreign.status).toBe(400);
    expect(await prisma.need.count()).toBe(before);

    const form = await get(create.loader as Handler, "/fabbisogni/nuovo", "referentA");
    expect(payload<{ areas: { comuni: { id: number }[] }[] }>(form.result).areas).toEqual([
      expect.objectContaining({ comuni: [expect.objectContaining({ id: comune.A })] }),
    ]);
    const ok = await post(
      create.action as Handler,
      "/fabbisogni/nuovo",
      "referentA",
      valid({ title: "Sala civica di A" }),
    );
    expect(ok.status).toBe(302);
  });

  it("records the need with its requirements and constraints, and it appears in the register", async () => {
    const { status, result } = await post(
      create.action as Handler,
      "/fabbisogni/nuovo",
      "facilitator",
      valid({
        organisationIds: [String(comune.A), String(comune.C)],
        dimensionCode: "SERV",
      }),
    );
    expect(status).toBe(302);
    const id = /^\/fabbisogni\/(\d+)\?esito=creato$/.exec((result as Response).headers.get("Location") ?? "")?.[1];
    expect(id).toBeDefined();
    const page = await get(detail.loader as Handler, `/fabbisogni/${id}`, "facilitator", { id: id! });
    expect(payload<{ need: unknown }>(page.result).need).toMatchObject({
      title: "Prenotazione online della sala civica",
      status: "OPEN",
      scope: "SHARED",
      budgetCapEuro: 25000,
      timeCapMonths: 12,
      impact: 3,
      feasibility: 4,
      sharing: 3,
      // 0.4·3 + 0.3·4 + 0.3·3
      priority: 3.3,
      dimension: { code: "SERV", title: "Servizi" },
      requirements: [
        { text: "Accesso con SPID e CIE", level: "MUST" },
        { text: "Pagamento con pagoPA", level: "MUST" },
        { text: "Calendario pubblico delle disponibilità", level: "SHOULD" },
      ],
      sources: [expect.objectContaining({ kind: "OFFICE_INTERVIEW", note: "Intervista alla segreteria" })],
    });
    expect(await titles("facilitator")).toContain("Prenotazione online della sala civica");
  });
});

describe("a need's page", () => {
  it("is 404 for odd ids, unknown ids and needs out of scope", async () => {
    const onlyA = await need({ title: "Page: solo A", comuni: [comune.A], priority: 2 });
    const proposed = await need({ title: "Page: proposto", comuni: [comune.A], priority: 2, status: "PROPOSED" });
    for (const id of ["abc", "99999999999999999999", "0", "-1", "1e3", "999999"]) {
      expect((await get(detail.loader as Handler, `/fabbisogni/${id}`, "facilitator", { id })).status, id).toBe(404);
    }
    expect((await get(detail.loader as Handler, "/", "referentB", { id: String(onlyA.id) })).status).toBe(404);
    expect((await get(detail.loader as Handler, "/", "referentA", { id: String(onlyA.id) })).status).toBe(200);
    expect((await get(detail.loader as Handler, "/", "referentA", { id: String(proposed.id) })).status).toBe(404);
    expect((await get(detail.loader as Handler, "/", "coordinator", { id: String(proposed.id) })).status).toBe(200);
  });

  it("discards with a reason only, and the discarded need leaves the live register", async () => {
    const n = await need({ title: "Discard: doppione", comuni: [comune.A], priority: 2 });
    const params = { id: String(n.id) };
    const empty = await post(
      detail.action as Handler,
      `/fabbisogni/${n.id}`,
      "facilitator",
      { intent: "discard", reason: "  " },
      params,
    );
    expect(empty.status).toBe(400);
    expect(replyErrors(empty.result).reason).toBeDefined();
    expect((await prisma.need.findUniqueOrThrow({ where: { id: n.id } })).status).toBe("OPEN");
    const byReferent = await post(
      detail.action as Handler,
      "/",
      "referentA",
      { intent: "discard", reason: "Non serve" },
      params,
    );
    expect(byReferent.status).toBe(403);
    const ok = await post(
      detail.action as Handler,
      "/",
      "facilitator",
      { intent: "discard", reason: "Già coperto da un altro" },
      params,
    );
    expect(ok.status).toBe(302);
    expect(
      await prisma.need.findUniqueOrThrow({ where: { id: n.id }, select: { status: true, discardReason: true } }),
    ).toEqual({
      status: "DISCARDED",
      discardReason: "Già coperto da un altro",
    });
    expect(await titles("facilitator")).not.toContain("Discard: doppione");
    expect(await titles("facilitator", "?stato=DISCARDED")).toContain("Discard: doppione");
    // Once discarded, it cannot be discarded again.
    const again = await post(
      detail.action as Handler,
      "/",
      "facilitator",
      { intent: "discard", reason: "Ancora" },
      params,
    );
    expect(again.status).toBe(400);
  });
});

describe("the register's exports", () => {
  it("hold the screen's rows and figures, in the same scope and with the same filters", async () => {
    for (const [who, search] of [
      ["facilitator", ""],
      ["referentB", ""],
      ["facilitator", `?comune=${comune.C}&ambito=SHARED`],
    ] as const) {
      const screen = payload<RegisterData>(
        (await get(register.loader as Handler, `/fabbisogni${search}`, who)).result,
      ).needs;
      const { status, result } = await get(
        exportRoute.loader as Handler,
        `/fabbisogni/esporta/fabbisogni.csv${search}`,
        who,
        {
          file: "fabbisogni.csv",
        },
      );
      expect(status).toBe(200);
      const response = result as Response;
      expect(response.headers.get("Content-Type")).toMatch(/text\/csv/);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...rows]: string[][] = parse(bytes, { delimiter: ";", bom: true });
      const col = (name: string) => header!.indexOf(name);
      expect(rows.map((r) => r[col("Titolo")])).toEqual(screen.map((n) => n.title));
      expect(rows.map((r) => r[col("Priorità")])).toEqual(screen.map((n) => String(n.priority).replace(".", ",")));
      expect(rows.map((r) => r[col("Condivisione")])).toEqual(screen.map((n) => String(n.sharing).replace(".", ",")));
      expect(rows.map((r) => r[col("Comuni")])).toEqual(screen.map((n) => n.comuni.join(", ")));
      expect(rows.length).toBeGreaterThan(0);
    }
    const screen = payload<RegisterData>(
      (await get(register.loader as Handler, "/fabbisogni", "coordinator")).result,
    ).needs;
    const xlsx = await get(exportRoute.loader as Handler, "/fabbisogni/esporta/fabbisogni.xlsx", "coordinator", {
      file: "fabbisogni.xlsx",
    });
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (xlsx.result as Response).arrayBuffer());
    const sheet = workbook.getWorksheet("Fabbisogni")!;
    const read: { title: unknown; priority: unknown }[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) read.push({ title: row.getCell(2).value, priority: row.getCell(12).value });
    });
    expect(read).toEqual(screen.map((n) => ({ title: n.title, priority: n.priority })));
  });

  it("is 404 for any other file, and 400 for a malformed filter", async () => {
    for (const file of ["fabbisogni.pdf", "indicatori.xlsx", "fabbisogni.csv.exe", "", "..%2Fetc"]) {
      expect((await get(exportRoute.loader as Handler, "/", "facilitator", { file })).status, file).toBe(404);
    }
    expect(
      (
        await get(exportRoute.loader as Handler, "/fabbisogni/esporta/fabbisogni.csv?stato=X", "facilitator", {
          file: "fabbisogni.csv",
        })
      ).status,
    ).toBe(400);
  });
});

describe("the moderation queue", () => {
  type QueueData = { rows: { id: number; text: string; status: string }[]; pending: number; total: number };
  const queueOf = async (who: Who, search = "") => {
    const { status, result } = await get(queue.loader as Handler, `/fabbisogni/richieste${search}`, who);
    expect(status).toBe(200);
    return payload<QueueData>(result);
  };
  const moderate = (who: Who, form: Record<string, string>) =>
    post(queue.action as Handler, "/fabbisogni/richieste?comune=1", who, form);
  const statusOf = async (id: number) =>
    prisma.citizenRequest.findUniqueOrThrow({
      where: { id },
      select: { status: true, publicSummary: true, rejectReason: true, mergedIntoId: true, needId: true },
    });

  it("shows the waiting requests of the moderator's comuni with the citizen's text, by comune, status and topic", async () => {
    const a = await citizenRequest(comune.A, {
      topic: "TRIBUTI",
      text: "Vorrei pagare la TARI online con pagoPA, senza bollettino.",
    });
    const b = await citizenRequest(comune.B);
    const mineA = await queueOf("referentA");
    expect(mineA.rows.map((r) => r.id)).toContain(a.id);
    expect(mineA.rows.map((r) => r.id)).not.toContain(b.id);
    expect(mineA.rows.find((r) => r.id === a.id)?.text).toBe(
      "Vorrei pagare la TARI online con pagoPA, senza bollettino.",
    );
    const all = await queueOf("facilitator");
    expect(all.rows.map((r) => r.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(all.pending).toBe(all.total);
    expect((await queueOf("facilitator", `?comune=${comune.B}`)).rows.every((r) => r.id !== a.id)).toBe(true);
    expect((await queueOf("facilitator", "?argomento=TRIBUTI")).rows.map((r) => r.id)).toContain(a.id);
    expect((await queueOf("facilitator", "?argomento=TRIBUTI")).rows.map((r) => r.id)).not.toContain(b.id);
    expect((await queueOf("facilitator", "?stato=APPROVED")).rows.map((r) => r.id)).not.toContain(a.id);
    expect((await get(queue.loader as Handler, "/fabbisogni/richieste?stato=FATTO", "facilitator")).status).toBe(400);
    expect((await get(queue.loader as Handler, "/fabbisogni/richieste", "coordinator")).status).toBe(403);
  });

  it("refuses an approval without a summary, warns of personal data, and publishes once confirmed", async () => {
    const r = await citizenRequest(comune.A);
    const empty = await moderate("facilitator", { intent: "approve", requestId: String(r.id), summary: "" });
    expect(empty.status).toBe(400);
    expect(replyErrors(empty.result).summary).toEqual([
      "Scrivi il riassunto da pubblicare: il testo del cittadino non è mai pubblico.",
    ]);
    expect(await statusOf(r.id)).toMatchObject({ status: "RECEIVED", publicSummary: null });

    const summary = "Iscrizione online alla mensa: scrivere a mario.rossi@example.com o al 333 123 4567";
    const personal = await moderate("facilitator", { intent: "approve", requestId: String(r.id), summary });
    expect(personal.status).toBe(400);
    expect(payload<{ warnings: string[] }>(personal.result).warnings.sort()).toEqual(["email", "phone"]);
    expect(replyErrors(personal.result).summary?.[0]).toMatch(/dati personali/);
    expect((await statusOf(r.id)).status).toBe("RECEIVED");

    const confirmed = await moderate("facilitator", {
      intent: "approve",
      requestId: String(r.id),
      summary: "Iscrizione online alla mensa scolastica",
      confirmPersonalData: "on",
    });
    expect(confirmed.status).toBe(302);
    expect((confirmed.result as Response).headers.get("Location")).toBe(
      `/fabbisogni/richieste?comune=1&esito=approvata`,
    );
    expect(await statusOf(r.id)).toMatchObject({
      status: "APPROVED",
      publicSummary: "Iscrizione online alla mensa scolastica",
    });
    // Moderated once: a second decision is refused.
    const twice = await moderate("facilitator", { intent: "spam", requestId: String(r.id) });
    expect(twice.status).toBe(400);
  });

  it("rejects with one of the five reasons, and marks spam", async () => {
    const r = await citizenRequest(comune.A);
    const noReason = await moderate("referentA", { intent: "reject", requestId: String(r.id) });
    expect(noReason.status).toBe(400);
    expect(replyErrors(noReason.result).rejectReason).toBeDefined();
    const odd = await moderate("referentA", { intent: "reject", requestId: String(r.id), rejectReason: "NOIOSA" });
    expect(odd.status).toBe(400);
    expect((await statusOf(r.id)).status).toBe("RECEIVED");
    expect(
      (await moderate("referentA", { intent: "reject", requestId: String(r.id), rejectReason: "PERSONAL_CASE" }))
        .status,
    ).toBe(302);
    expect(await statusOf(r.id)).toMatchObject({ status: "REJECTED", rejectReason: "PERSONAL_CASE" });

    const s = await citizenRequest(comune.A);
    expect((await moderate("facilitator", { intent: "spam", requestId: String(s.id) })).status).toBe(302);
    expect((await statusOf(s.id)).status).toBe("SPAM");
  });

  it("merges a duplicate into a request of the same comune only", async () => {
    const first = await citizenRequest(comune.A);
    const duplicate = await citizenRequest(comune.A);
    const elsewhere = await citizenRequest(comune.B);
    const across = await moderate("facilitator", {
      intent: "merge",
      requestId: String(duplicate.id),
      targetId: String(elsewhere.id),
    });
    expect(across.status).toBe(400);
    expect((await statusOf(duplicate.id)).status).toBe("RECEIVED");
    const ok = await moderate("facilitator", {
      intent: "merge",
      requestId: String(duplicate.id),
      targetId: String(first.id),
    });
    expect(ok.status).toBe(302);
    expect(await statusOf(duplicate.id)).toMatchObject({ status: "MERGED", mergedIntoId: first.id });
  });

  it("links a request to an existing need (its comune joins the need), or creates a need from it", async () => {
    const target = await need({ title: "Link: servizi scolastici online", comuni: [comune.B], priority: 2 });
    const r = await citizenRequest(comune.A);
    const ok = await moderate("facilitator", { intent: "link", requestId: String(r.id), needId: String(target.id) });
    expect(ok.status).toBe(302);
    expect((await statusOf(r.id)).needId).toBe(target.id);
    const linked = await prisma.need.findUniqueOrThrow({
      where: { id: target.id },
      select: {
        sharing: true,
        organisations: { select: { organisationId: true } },
        sources: { select: { kind: true, citizenRequestId: true } },
      },
    });
    expect(linked.organisations.map((o) => o.organisationId).sort()).toEqual([comune.A, comune.B].sort());
    expect(linked.sources).toContainEqual({ kind: "CITIZEN_REQUEST", citizenRequestId: r.id });
    expect(linked.sharing).toBe(3);
    // Already linked: not twice.
    expect(
      (await moderate("facilitator", { intent: "link", requestId: String(r.id), needId: String(target.id) })).status,
    ).toBe(400);

    // The need's page shows where it comes from, never the citizen's words.
    const page = await get(detail.loader as Handler, "/", "facilitator", { id: String(target.id) });
    expect(JSON.stringify(payload(page.result))).not.toContain("Vorrei iscrivere mia figlia");

    // Create a need from another request: the form names it, the need carries it as source.
    const fresh = await citizenRequest(comune.A);
    const form = await get(create.loader as Handler, `/fabbisogni/nuovo?richiesta=${fresh.id}`, "referentA");
    expect(form.status).toBe(200);
    expect(payload<{ fromRequest: { id: number } }>(form.result).fromRequest).toMatchObject({ id: fresh.id });
    expect(JSON.stringify(payload(form.result))).not.toContain("Vorrei iscrivere mia figlia");
    const created = await post(create.action as Handler, `/fabbisogni/nuovo?richiesta=${fresh.id}`, "referentA", {
      title: "Iscrizione online alla mensa",
      description: "I genitori chiedono di iscrivere i figli alla mensa online, senza andare in comune.",
      organisationIds: [String(comune.A)],
      sourceKind: "CITIZEN_REQUEST",
      citizenRequestId: String(fresh.id),
      impact: "3",
      feasibility: "3",
    });
    expect(created.status).toBe(302);
    const needId = (await statusOf(fresh.id)).needId;
    expect(needId).not.toBeNull();
    expect(
      await prisma.needSource.findMany({ where: { needId: needId! }, select: { kind: true, citizenRequestId: true } }),
    ).toEqual([{ kind: "CITIZEN_REQUEST", citizenRequestId: fresh.id }]);
    // Already linked: no second need from it.
    expect((await get(create.loader as Handler, `/fabbisogni/nuovo?richiesta=${fresh.id}`, "referentA")).status).toBe(
      404,
    );
  });

  it("a referent of another comune never sees a request: 404 on its ids, for every action", async () => {
    const r = await citizenRequest(comune.A);
    const other = await citizenRequest(comune.A);
    const n = await need({ title: "Foreign: B e A", comuni: [comune.A, comune.B], priority: 2 });
    expect((await queueOf("referentB", "?stato=tutte")).rows.map((x) => x.id)).not.toContain(r.id);
    const id = String(r.id);
    const forms: Record<string, string>[] = [
      { intent: "approve", requestId: id, summary: "Iscrizione online alla mensa" },
      { intent: "reject", requestId: id, rejectReason: "OFF_TOPIC" },
      { intent: "spam", requestId: id },
      { intent: "merge", requestId: id, targetId: String(other.id) },
      { intent: "link", requestId: id, needId: String(n.id) },
    ];
    for (const form of forms) {
      expect((await moderate("referentB", form)).status, form.intent).toBe(404);
    }
    expect((await get(create.loader as Handler, `/fabbisogni/nuovo?richiesta=${id}`, "referentB")).status).toBe(404);
    expect(
      (
        await post(create.action as Handler, "/fabbisogni/nuovo", "referentB", {
          title: "Iscrizione online alla mensa",
          description: "I genitori chiedono di iscrivere i figli alla mensa online, senza andare in comune.",
          organisationIds: [String(comune.B)],
          sourceKind: "CITIZEN_REQUEST",
          citizenRequestId: id,
          impact: "3",
          feasibility: "3",
        })
      ).status,
    ).toBe(404);
    expect(await statusOf(r.id)).toMatchObject({ status: "RECEIVED", needId: null });
    for (const odd of ["abc", "99999999999999999999"]) {
      expect((await get(create.loader as Handler, `/fabbisogni/nuovo?richiesta=${odd}`, "referentA")).status).toBe(404);
    }
  });
});
