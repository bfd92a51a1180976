// Runs before each test file: a fresh database copied from the template, quiet logs, and
// a stray console.error fails the test (docs/architecture.md, "Tests").
import { copyFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, vi } from "vitest";

const dir = process.env.CAPACITAS_TEST_DIR ?? path.resolve("tests/.tmp");
const file = path.join(dir, `test-${randomUUID()}.db`);
copyFileSync(path.join(dir, "template.db"), file);
process.env.DATABASE_URL = `file:${file}`;
process.env.LOG_LEVEL = "silent";
process.env.UPLOADS_DIR = path.join(dir, `uploads-${randomUUID()}`);
process.env.SESSION_SECRET = "test-secret-of-at-least-sixteen-chars";
process.env.NODE_ENV = "test";
process.env.APP_URL = "http://capacitas.test";

beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error called during the test: ${args.map(String).join(" ")}`);
  });
});

afterAll(async () => {
  const { prisma } = await import("~/utils/db.server");
  await prisma.$disconnect();
});
