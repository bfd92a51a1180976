import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";

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
