// npm run db:restore -- backup.db — replaces the database with a backup, checking the
// backup's integrity first. Stop the server before restoring.
import { existsSync } from "node:fs";
import path from "node:path";
import { databaseFile, restoreDatabase } from "./db-file";

const source = process.argv[2];
if (!source || !existsSync(source)) {
  console.error("Uso: npm run db:restore -- <file di backup>");
  process.exit(1);
}
await restoreDatabase(path.resolve(source), databaseFile());
console.log(`Database ripristinato da ${source}`);
