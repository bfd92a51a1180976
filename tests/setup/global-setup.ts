// Runs once: migrates a template SQLite file that every test file copies (STYLE.md, habit 8).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";

export const TMP_DIR = path.resolve("tests/.tmp");
export const TEMPLATE_DB = path.join(TMP_DIR, "template.db");

export default function setup() {
  rmSync(TMP_DIR, { recursive: true, force: true });
  mkdirSync(TMP_DIR, { recursive: true });
  const prisma = path.resolve("node_modules/.bin/prisma");
  if (!existsSync(path.resolve("app/generated/prisma/client.ts"))) {
    execFileSync(prisma, ["generate"], { stdio: "inherit" });
  }
  execFileSync(prisma, ["migrate", "deploy"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DB}`, CHECKPOINT_DISABLE: "1" },
  });
  return () => rmSync(TMP_DIR, { recursive: true, force: true });
}
