/** Shared by bench/generate.ts and bench/run.ts: paths, accounts, the seeded generator. */
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const TMP = path.join(ROOT, "bench", ".tmp");
export const DB_FILE = path.join(TMP, "bench.db");
export const META_FILE = path.join(TMP, "bench-meta.json");
export const DATABASE_URL = `file:${DB_FILE}`;
/** Fixed: the bench signs its own cookies with it and passes it to the server it starts. */
export const SESSION_SECRET = "bench-secret-of-at-least-sixteen-chars";

export const BENCH_ACCOUNTS = {
  learner: "bench.discente@capacitas.example",
  trainer: "bench.formatore@capacitas.example",
  coordinator: "bench.coordinatrice@capacitas.example",
} as const;

/** What generate.ts leaves for run.ts next to the database. */
export type BenchMeta = {
  generatedAt: string;
  seconds: number;
  learners: number;
  bigEdition: { id: number; code: string; enrolled: number };
  counts: Record<string, number>;
};

/** mulberry32: small, fast, good enough for synthetic data, and deterministic. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Prisma stores DateTime on SQLite as ISO text with "+00:00": write the same. */
export const isoText = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

export const DAY = 24 * 3600 * 1000;
export const HOUR = 3600 * 1000;
