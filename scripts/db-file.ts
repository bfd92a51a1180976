import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
// The adapter's own copy of better-sqlite3 (docs/toolchain.md, trap 1): no second native module.
import Database from "better-sqlite3";

/** The SQLite file of DATABASE_URL, resolved from the working directory. */
export function databaseFile(url = process.env.DATABASE_URL ?? "file:./prisma/dev.db") {
  return path.resolve(url.replace(/^file:/, ""));
}

/** Online, consistent copy of a live database through SQLite's backup API. */
export async function backupDatabase(source: string, target: string) {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
}

/** Verifies a backup (integrity_check) and puts it in place of the database file. */
export async function restoreDatabase(backup: string, target: string) {
  const check = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    const result = check.pragma("integrity_check", { simple: true });
    if (result !== "ok") throw new Error(`Backup non integro: ${String(result)}`);
  } finally {
    check.close();
  }
  for (const suffix of ["-wal", "-shm"]) rmSync(target + suffix, { force: true });
  copyFileSync(backup, target);
}
