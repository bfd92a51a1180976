/**
 * The PA digitale 2026 open data the demo imports (prisma/seed-data/padigitale2026/, copies
 * of the DTD's files, CC BY 4.0; see its README). Oldest snapshot first: on a tie between two
 * rows of the same application the one read later wins (docs/phase2.md, "PA digitale 2026 prefill").
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PAD26_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "padigitale2026");

/** The comuni file (2022-11-26), the per-measure files (2023-03 to 2026-08), the other bodies (2026-08). */
export const PAD26_FILES = [
  "candidature_comuni_finanziate.oltrepo.csv",
  "candidature_finanziate_12.oltrepo.csv",
  "candidature_finanziate_131.oltrepo.csv",
  "candidature_finanziate_141.oltrepo.csv",
  "candidature_finanziate_143.oltrepo.csv",
  "candidature_finanziate_144.oltrepo.csv",
  "candidature_finanziate_145.oltrepo.csv",
  "candidature_altrienti_finanziate.oltrepo.csv",
] as const;

/** The day of the newest snapshot read (upstream HEAD f6816c6). */
export const PAD26_AS_OF = new Date("2026-08-22T00:00:00Z");

/** The files as `importFundedMeasures` takes them. */
export function readPad26Files(names: readonly string[] = PAD26_FILES) {
  return names.map((name) => ({ name, text: readFileSync(path.join(PAD26_DIR, name), "utf8") }));
}
