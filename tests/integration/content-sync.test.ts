import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { loadContent, syncContent } from "~/models/content.server";
import { prisma } from "~/utils/db.server";
import { createArea, createPerson } from "../support";

const run = promisify(execFile);
const tmpDirs: string[] = [];

/** A private copy of content/ to edit. */
function copyContent() {
  const dir = mkdtempSync(path.join(process.env.CAPACITAS_TEST_DIR!, "content-"));
  cpSync(path.resolve("content"), dir, { recursive: true });
  tmpDirs.push(dir);
  return dir;
}

function edit(file: string, change: (text: string) => string) {
  writeFileSync(file, change(readFileSync(file, "utf8")));
}

async function sync(dir: string) {
  const loaded = await loadContent(dir);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return syncContent(prisma, loaded.content);
}

afterEach(() => {
  for (const d of tmpDirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("content sync", () => {
  it("loads the default programme: seven modules, ICT in two phases, entry and exit tests on the Syllabus competences", async () => {
    const summary = await sync(path.resolve("content"));
    expect(summary.created).toBeGreaterThan(0);
    const modules = await prisma.module.findMany({
      orderBy: { position: "asc" },
      select: { slug: true, phases: { select: { slug: true } } },
    });
    expect(modules).toHaveLength(7);
    expect(modules.find((m) => m.slug === "ict")?.phases).toHaveLength(2);
    expect(await prisma.competence.count()).toBe(11);
    const tests = await prisma.unit.findMany({
      where: { testRole: { not: null } },
      select: { testRole: true, questions: { select: { competence: { select: { code: true } } } } },
    });
    expect(tests.map((t) => t.testRole).sort()).toEqual(["ENTRY", "EXIT"]);
    for (const t of tests) {
      expect(new Set(t.questions.map((q) => q.competence?.code)).size).toBe(11);
    }
    for (const kind of ["LESSON", "SEMINAR", "LAB", "QUIZ", "SURVEY"] as const) {
      const perModule = await prisma.module.count({ where: { phases: { some: { units: { some: { kind } } } } } });
      expect(perModule, kind).toBe(7);
    }
  });

  it("is idempotent: a second sync changes nothing", async () => {
    await sync(path.resolve("content"));
    const again = await sync(path.resolve("content"));
    expect(again).toMatchObject({ created: 0, updated: 0, archived: 0 });
  });

  it("keeps progress after an edit and archives a removed unit without deleting its records", async () => {
    const dir = copyContent();
    await sync(dir);
    const { comune } = await createArea();
    const person = await createPerson({ organisationId: comune.id });
    const kept = await prisma.unit.findFirstOrThrow({ where: { slug: "politica-di-coesione" }, select: { id: true } });
    const removed = await prisma.unit.findFirstOrThrow({ where: { slug: "aiuti-di-stato" }, select: { id: true } });
    await prisma.progress.createMany({
      data: [
        { personId: person.id, unitId: kept.id, status: "COMPLETED", completedAt: new Date() },
        { personId: person.id, unitId: removed.id, status: "IN_PROGRESS" },
      ],
    });

    const moduleDir = path.join(dir, "modules/fondi-europei");
    edit(path.join(moduleDir, "politica-di-coesione.md"), (t) =>
      t.replace(/^title: .*$/m, 'title: "La politica di coesione 2021-2027 (rivista)"'),
    );
    edit(path.join(moduleDir, "module.yml"), (t) => t.replace(/^(\s*)- aiuti-di-stato\n/m, "$1- nuova-lezione\n"));
    rmSync(path.join(moduleDir, "aiuti-di-stato.md"));
    writeFileSync(
      path.join(moduleDir, "nuova-lezione.md"),
      "---\nkind: lesson\ntitle: Una lezione nuova\nduration: 20\n---\n\nTesto della lezione.\n",
    );

    const summary = await sync(dir);
    expect(summary.created).toBe(1);
    expect(summary.archived).toBe(1);
    expect(summary.updated).toBeGreaterThanOrEqual(1);

    expect(await prisma.progress.count({ where: { personId: person.id } })).toBe(2);
    const keptAfter = await prisma.unit.findUniqueOrThrow({
      where: { id: kept.id },
      select: { title: true, archivedAt: true },
    });
    expect(keptAfter).toEqual({ title: "La politica di coesione 2021-2027 (rivista)", archivedAt: null });
    const removedAfter = await prisma.unit.findUniqueOrThrow({
      where: { id: removed.id },
      select: { archivedAt: true },
    });
    expect(removedAfter.archivedAt).not.toBeNull();

    // Putting the unit back brings the same row (and its progress) back.
    edit(path.join(moduleDir, "module.yml"), (t) =>
      t.replace(/^(\s*)- nuova-lezione\n/m, "$1- aiuti-di-stato\n$1- nuova-lezione\n"),
    );
    cpSync(path.resolve("content/modules/fondi-europei/aiuti-di-stato.md"), path.join(moduleDir, "aiuti-di-stato.md"));
    await sync(dir);
    const restored = await prisma.unit.findUniqueOrThrow({ where: { id: removed.id }, select: { archivedAt: true } });
    expect(restored.archivedAt).toBeNull();
    expect(await sync(dir)).toMatchObject({ created: 0, updated: 0, archived: 0 });
  });

  it("names file and field of every validation error and changes nothing", async () => {
    const dir = copyContent();
    await sync(dir);
    const before = await prisma.unit.findMany({
      orderBy: { id: "asc" },
      select: { id: true, title: true, updatedAt: true, archivedAt: true },
    });

    // One harmless edit and three mistakes: nothing at all may be written.
    edit(path.join(dir, "modules/pnrr/architettura-pnrr.md"), (t) =>
      t.replace(/^title: .*$/m, "title: Titolo cambiato"),
    );
    edit(path.join(dir, "modules/appalti/principi-del-codice.md"), (t) =>
      t.replace(/^duration: .*$/m, "duration: tanta"),
    );
    edit(path.join(dir, "modules/comunicazione/module.yml"), (t) => `${t}\ncolore: verde\n`);
    edit(path.join(dir, "modules/ict/test-ingresso.md"), (t) => t.replace(/competence: "1\.1"/, 'competence: "9.9"'));

    const env = { ...process.env, CONTENT_DIR: dir, DATABASE_URL: process.env.DATABASE_URL };
    const failure = await run(path.resolve("node_modules/.bin/tsx"), ["scripts/content-sync.ts"], { env }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    const rel = (p: string) => path.relative(process.cwd(), path.join(dir, p));
    expect(failure?.stderr).toContain(`${rel("modules/appalti/principi-del-codice.md")} › duration:`);
    expect(failure?.stderr).toContain(
      `${rel("modules/comunicazione/module.yml")} › (file): Unrecognized key: "colore"`,
    );
    expect(failure?.stderr).toMatch(
      new RegExp(
        `${rel("modules/ict/test-ingresso.md").replace(/[.]/g, "\\.")} › questions\\.\\d+\\.competence: competenza "9\\.9" non definita`,
      ),
    );
    expect(failure?.stderr).toContain("il database non è stato modificato");

    const after = await prisma.unit.findMany({
      orderBy: { id: "asc" },
      select: { id: true, title: true, updatedAt: true, archivedAt: true },
    });
    expect(after).toEqual(before);
  });
});

describe("the assessment instrument as content", () => {
  const FILE = "assessment/capacitas-pt2024.yml";
  const itemsOf = (code: string, version: string) =>
    prisma.assessmentItem.findMany({
      where: { framework: { code, version } },
      select: { code: true, question: true, kind: true, critical: true, dimension: { select: { code: true } } },
      orderBy: { id: "asc" },
    });

  it("loads 7 dimensions and 43 items, and a second sync changes nothing", async () => {
    const dir = copyContent();
    await sync(dir);
    const framework = await prisma.assessmentFramework.findUniqueOrThrow({
      where: { code_version: { code: "capacitas-pt2024", version: "1.0.0" } },
      select: { active: true, _count: { select: { dimensions: true, items: true } } },
    });
    expect(framework).toEqual({ active: true, _count: { dimensions: 7, items: 43 } });
    const items = await itemsOf("capacitas-pt2024", "1.0.0");
    expect(items.filter((i) => i.critical).map((i) => i.code)).toHaveLength(12);
    expect(items.find((i) => i.code === "ORG-04")).toMatchObject({ kind: "PERCENT", dimension: { code: "ORG" } });
    const again = await sync(dir);
    expect(await itemsOf("capacitas-pt2024", "1.0.0")).toEqual(items);
    expect(again).toMatchObject({ created: 0, updated: 0, archived: 0 });
  });

  it("a version no cycle uses follows its file; a used one is frozen, and a new version sits beside it", async () => {
    const dir = copyContent();
    await sync(dir);
    const file = path.join(dir, FILE);
    edit(file, (t) =>
      t.replace("Il comune ha un Responsabile per la transizione", "C'è un Responsabile per la transizione"),
    );
    // Unused: the edit lands.
    const changedText = readFileSync(file, "utf8");
    expect(changedText).not.toEqual(readFileSync(path.resolve("content", FILE), "utf8"));
    await sync(dir);
    const org01 = async () => (await itemsOf("capacitas-pt2024", "1.0.0")).find((i) => i.code === "ORG-01")!.question;
    const edited = await org01();

    // Used by a cycle: the same kind of edit is refused, by the sync and by the script.
    const { area, comune } = await createArea();
    const trainer = await createPerson({ organisationId: comune.id });
    const user = await prisma.user.create({ data: { email: trainer.email!, personId: trainer.id } });
    const programme = await prisma.programme.findFirstOrThrow({
      select: { modules: { select: { id: true }, take: 1 } },
    });
    const edition = await prisma.edition.create({
      data: {
        code: "ICT-F2-PROVA",
        title: "Fase 2",
        moduleId: programme.modules[0]!.id,
        areaId: area.id,
        startsOn: new Date("2026-09-01"),
        endsOn: new Date("2027-03-31"),
      },
    });
    const framework = await prisma.assessmentFramework.findUniqueOrThrow({
      where: { code_version: { code: "capacitas-pt2024", version: "1.0.0" } },
    });
    await prisma.assessmentCycle.create({
      data: {
        areaId: area.id,
        editionId: edition.id,
        frameworkId: framework.id,
        title: "Rilevazione 2026",
        opensAt: new Date("2026-09-01"),
        closesAt: new Date("2026-12-31"),
        createdById: user.id,
      },
    });
    edit(file, (t) => t.replace("C'è un Responsabile", "Esiste un Responsabile"));
    await expect(sync(dir)).rejects.toThrow(/versione 1\.0\.0 è già usata da una rilevazione/);
    expect(await org01()).toBe(edited);

    // The change as a new version: a new file with version 1.1.0, both versions active.
    writeFileSync(
      path.join(dir, "assessment/capacitas-pt2024-1.1.0.yml"),
      readFileSync(file, "utf8").replace(/^version: .*$/m, 'version: "1.1.0"'),
    );
    writeFileSync(file, changedText);
    expect(await sync(dir)).toMatchObject({ created: 1 });
    expect((await itemsOf("capacitas-pt2024", "1.1.0")).find((i) => i.code === "ORG-01")!.question).toMatch(/^Esiste/);
    expect(await org01()).toBe(edited);

    // A version whose file is gone is deactivated, never deleted.
    rmSync(path.join(dir, "assessment/capacitas-pt2024-1.1.0.yml"));
    await sync(dir);
    expect(
      await prisma.assessmentFramework.findUniqueOrThrow({
        where: { code_version: { code: "capacitas-pt2024", version: "1.1.0" } },
        select: { active: true, _count: { select: { items: true } } },
      }),
    ).toEqual({ active: false, _count: { items: 43 } });
  });

  it("two files with the same version are an error naming the second", async () => {
    const dir = copyContent();
    cpSync(path.join(dir, FILE), path.join(dir, "assessment/copia.yml"));
    const loaded = await loadContent(dir);
    expect(loaded.ok).toBe(false);
    expect(loaded.ok ? [] : loaded.errors).toEqual([
      expect.objectContaining({ field: "version", reason: expect.stringMatching(/già in .*capacitas-pt2024\.yml/) }),
    ]);
  });
});
