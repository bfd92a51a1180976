// npm run content:sync      — validate content/ and load it into the database (one transaction)
// npm run content:check     — validate only
// On any error: prints `file › field: reason` for each, exits 1 and changes nothing.
import path from "node:path";
import { ContentConflictError, formatContentErrors, loadContent, syncContent } from "~/models/content.server";
import { createPrismaClient, preparePragmas } from "~/utils/db.server";

const checkOnly = process.argv.includes("--check");
const dir = path.resolve(process.env.CONTENT_DIR ?? "content");

const loaded = await loadContent(dir);
if (!loaded.ok) {
  console.error(
    `Contenuti non validi (${loaded.errors.length} errori); il database non è stato modificato:\n${formatContentErrors(loaded.errors)}`,
  );
  process.exit(1);
}
const units = loaded.content.modules.reduce((n, m) => n + m.units.size, 0);
if (checkOnly) {
  console.log(
    `Contenuti validi: ${loaded.content.modules.length} moduli, ${units} unità; strumenti di assessment: ${loaded.content.frameworks.length}.`,
  );
  process.exit(0);
}
const db = createPrismaClient();
await preparePragmas(db);
let summary;
try {
  summary = await syncContent(db, loaded.content);
} catch (error) {
  if (!(error instanceof ContentConflictError)) throw error;
  console.error(`Contenuti rifiutati; il database non è stato modificato:\n${error.message}`);
  process.exit(1);
} finally {
  await db.$disconnect();
}
console.log(
  `Contenuti sincronizzati: ${summary.created} creati, ${summary.updated} aggiornati, ${summary.archived} archiviati, ${summary.unchanged} invariati.`,
);
