// npm run db:backup [-- target.db] — online backup with SQLite's backup API: consistent
// while the app keeps running (WAL). Default target: backups/capacitas-<timestamp>.db
import { mkdirSync } from "node:fs";
import path from "node:path";
import { backupDatabase, databaseFile } from "./db-file";

const target =
  process.argv[2] ?? path.join("backups", `capacitas-${new Date().toISOString().replace(/[:.]/g, "-")}.db`);
mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
await backupDatabase(databaseFile(), path.resolve(target));
console.log(`Backup scritto in ${target}`);
