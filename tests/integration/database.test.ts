import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { loader as health } from "~/routes/healthz";
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";
import { backupDatabase, restoreDatabase } from "../../scripts/db-file";
import { createArea } from "../support";

describe("database", () => {
  it("runs with WAL, a busy timeout and foreign keys", async () => {
    const { dbReady } = await import("~/utils/db.server");
    await dbReady;
    const [mode] = await prisma.$queryRaw<{ journal_mode: string }[]>`PRAGMA journal_mode`;
    const [timeout] = await prisma.$queryRaw<{ timeout: bigint | number }[]>`PRAGMA busy_timeout`;
    const [fk] = await prisma.$queryRaw<{ foreign_keys: bigint | number }[]>`PRAGMA foreign_keys`;
    expect(mode.journal_mode).toBe("wal");
    expect(Number(timeout.timeout)).toBe(5000);
    expect(Number(fk.foreign_keys)).toBe(1);
  });

  it("keeps the audit log append-only", async () => {
    await prisma.$transaction((tx) =>
      audit(tx, { userId: null, requestId: null }, { action: "test", entity: "Test", entityId: 1, after: { a: 1 } }),
    );
    const row = await prisma.auditLog.findFirstOrThrow({ where: { action: "test" } });
    // The trigger's message travels in the adapter's error (Prisma files it as P2003).
    const refusal = (error: unknown) =>
      (error as { meta?: { driverAdapterError?: { cause?: { originalMessage?: string } } } }).meta?.driverAdapterError
        ?.cause?.originalMessage;
    const update = await prisma.auditLog.update({ where: { id: row.id }, data: { action: "changed" } }).catch((e) => e);
    expect(refusal(update)).toBe("AuditLog is append-only");
    const remove = await prisma.auditLog.delete({ where: { id: row.id } }).catch((e) => e);
    expect(refusal(remove)).toBe("AuditLog is append-only");
    expect(await prisma.auditLog.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ action: "test" });
  });

  it("rolls back a failed multi-row change as a whole", async () => {
    const before = await prisma.area.count();
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.area.create({ data: { slug: "tmp-area", name: "Temporanea", region: "Lombardia" } });
        await tx.area.create({ data: { slug: "tmp-area", name: "Doppione", region: "Lombardia" } });
      }),
    ).rejects.toThrow();
    expect(await prisma.area.count()).toBe(before);
  });

  it("answers the health check", async () => {
    const response = (await health()) as Response;
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("ok");
  });

  it("backs up online and restores a verified copy", async () => {
    await createArea("Backup");
    const source = process.env.DATABASE_URL!.replace(/^file:/, "");
    const backup = path.join(process.env.CAPACITAS_TEST_DIR!, `backup-${Date.now()}.db`);
    await backupDatabase(source, backup);
    expect(existsSync(backup)).toBe(true);
    const copy = new Database(backup, { readonly: true });
    expect(copy.prepare("SELECT COUNT(*) AS n FROM Area WHERE name = 'Backup'").get()).toEqual({ n: 1 });
    copy.close();

    const target = path.join(process.env.CAPACITAS_TEST_DIR!, `restored-${Date.now()}.db`);
    await restoreDatabase(backup, target);
    const restored = new Database(target, { readonly: true });
    expect(restored.prepare("SELECT COUNT(*) AS n FROM Area WHERE name = 'Backup'").get()).toEqual({ n: 1 });
    restored.close();
    rmSync(backup);
    rmSync(target);
  });
});
