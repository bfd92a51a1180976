// Starts the production server for the browser tests on a fresh, seeded database.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";

const file = path.resolve(process.env.DATABASE_URL.replace(/^file:/, ""));
for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
const bin = (name) => path.resolve("node_modules/.bin", name);
execFileSync(bin("prisma"), ["migrate", "deploy"], { stdio: ["ignore", "ignore", "inherit"] });
execFileSync(bin("tsx"), ["prisma/seed.ts"], { stdio: ["ignore", "ignore", "inherit"] });
execFileSync(bin("tsx"), ["tests/e2e/fixture.ts"], { stdio: ["ignore", "ignore", "inherit"] });
process.env.NODE_ENV = "production";
process.env.APP_URL ??= `http://127.0.0.1:${process.env.PORT}`;
await import("../../server.js");
