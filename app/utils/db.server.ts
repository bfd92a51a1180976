import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { Prisma, PrismaClient } from "~/generated/prisma/client";

/** Creates a client on a SQLite file with the pragmas the app relies on. */
export function createPrismaClient(url = process.env.DATABASE_URL ?? "file:./prisma/dev.db") {
  // NOTE: the adapter opens the connection lazily and exposes no hook, so the pragmas
  // are set by `preparePragmas` right after creation (and verified by a test).
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 5000 }) });
}

/** WAL for concurrent readers, a busy timeout for writers, foreign keys on. */
export async function preparePragmas(client: PrismaClient) {
  await client.$queryRaw`PRAGMA journal_mode = WAL`;
  await client.$queryRaw`PRAGMA busy_timeout = 5000`;
  await client.$executeRaw`PRAGMA foreign_keys = ON`;
  await client.$executeRaw`PRAGMA synchronous = NORMAL`;
}

declare global {
  var __prisma: { client: PrismaClient; ready: Promise<void> } | undefined;
}

function init() {
  const client = createPrismaClient();
  return { client, ready: preparePragmas(client) };
}

// Reuse one client across dev-server reloads.
globalThis.__prisma ??= init();

export const prisma: PrismaClient = globalThis.__prisma.client;
/** Resolves once the connection pragmas are set; the server awaits it before listening. */
export const dbReady: Promise<void> = globalThis.__prisma.ready;

export type { PrismaClient };
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * Runs a write in a transaction; a unique-constraint race (the same event sent twice at
 * once) is retried once, when the second run sees the first one's result and changes nothing.
 */
export async function transactionWithRetry<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await prisma.$transaction(fn, { timeout: 20_000 });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return prisma.$transaction(fn, { timeout: 20_000 });
    }
    throw error;
  }
}

/** SQLite limits the parameters of one statement: long `in` lists are queried in slices. */
export const SLICE = 500;

/** Runs a query per slice of the ids (in order) and concatenates the results. */
export async function inSlices<T, R>(items: readonly T[], query: (slice: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += SLICE) out.push(...(await query(items.slice(i, i + SLICE))));
  return out;
}
