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
