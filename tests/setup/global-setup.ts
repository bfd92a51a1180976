// Runs once: migrates a template SQLite file that every test file copies (docs/architecture.md, "Tests").
// Each run gets its own folder, so two runs on one checkout never delete each other's files.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";

export default function setup() {
  const dir = path.resolve("tests/.tmp", `run-${process.pid}-${randomUUID().slice(0, 8)}`);
  mkdirSync(dir, { recursive: true });
  const template = path.join(dir, "template.db");
  const prisma = path.resolve("node_modules/.bin/prisma");
  if (!existsSync(path.resolve("app/generated/prisma/client.ts"))) {
    execFileSync(prisma, ["generate"], { stdio: "inherit" });
  }
  execFileSync(prisma, ["migrate", "deploy"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: `file:${template}`, CHECKPOINT_DISABLE: "1" },
  });
  // Test files run in forked workers, which inherit this process's environment.
  process.env.CAPACITAS_TEST_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
