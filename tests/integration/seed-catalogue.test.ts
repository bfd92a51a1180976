// The demo catalogue (prisma/seed-catalogue.ts): the 36 real files imported by the demo
// facilitator through the import model, the seven national platforms, and a second run that
// changes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { DEMO_ACCOUNTS } from "../../prisma/seed-data/demo-accounts";
import { NATIONAL_PLATFORMS, seedCatalogue } from "../../prisma/seed-catalogue";
import { createModuleFixture, createUserWithSession } from "../support";

const TODAY = new Date("2026-11-26T00:00:00Z");
let facilitatorId = 0;

beforeAll(async () => {
  const fx = await createModuleFixture({ units: [{ slug: "laboratorio", kind: "LAB" }] });
  facilitatorId = (
    await createUserWithSession(fx.comune.id, [{ role: "TRAINER" }], { email: DEMO_ACCOUNTS.facilitator })
  ).user.id;
});

describe("the demo catalogue", () => {
  it("imports the 36 files as the facilitator and adds the national platforms", async () => {
    const { importId } = await seedCatalogue({ today: TODAY });
    const batch = await prisma.catalogueImport.findUniqueOrThrow({ where: { id: importId } });
    expect(batch).toMatchObject({ actorId: facilitatorId, status: "DONE", total: 36, imported: 28, withIssues: 8 });
    expect(await prisma.solution.count({ where: { kind: "SOFTWARE" } })).toBe(36);
    const platforms = await prisma.solution.findMany({
      where: { kind: "NATIONAL_PLATFORM" },
      select: { name: true, origin: true, shortDescription: true },
      orderBy: { name: "asc" },
    });
    expect(platforms.map((p) => p.name)).toEqual(NATIONAL_PLATFORMS.map((p) => p.name).sort());
    for (const p of platforms) {
      expect(p.origin).toBe("NATIONAL");
      const seeded = NATIONAL_PLATFORMS.find((n) => n.name === p.name)!;
      expect(JSON.parse(p.shortDescription)).toEqual({ it: seeded.description });
    }
  });

  it("a second run changes no card: every file unchanged, no platform twice", async () => {
    const before = await prisma.solution.findMany({ orderBy: { id: "asc" } });
    const { importId } = await seedCatalogue({ today: TODAY });
    expect(await prisma.catalogueImport.findUniqueOrThrow({ where: { id: importId } })).toMatchObject({
      unchanged: 36,
    });
    expect(await prisma.solution.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });
});
