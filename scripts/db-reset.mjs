// `prisma migrate reset` does not work with the JS schema engine (docs/toolchain.md, trap 4):
// reset = delete the file, deploy the migrations, seed.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";

const url = process.env.DATABASE_URL ?? "file:./prisma/dev.db";
const file = path.resolve(url.replace(/^file:/, ""));
for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], { stdio: "inherit" });
execFileSync(path.resolve("node_modules/.bin/tsx"), ["prisma/seed.ts"], { stdio: "inherit" });
