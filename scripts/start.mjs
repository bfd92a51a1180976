// npm start: build if needed, apply migrations, seed an empty database, serve.
// npm run dev: the same with Vite's dev server instead of the production build.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const dev = process.argv.includes("--dev");
const bin = (name) => path.resolve("node_modules/.bin", name);
const run = (cmd, args, env = {}) => execFileSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

if (!dev) {
  const built = "build/server/index.js";
  if (!existsSync(built) || newestMtime("app") > statSync(built).mtimeMs) {
    console.log("› build");
    run(bin("remix"), ["vite:build"]);
  }
}

console.log("› prisma migrate deploy");
run(bin("prisma"), ["migrate", "deploy"], { CHECKPOINT_DISABLE: "1" });

console.log("› seed if empty");
run(bin("tsx"), ["prisma/seed.ts", "--if-empty"]);

process.env.NODE_ENV = dev ? "development" : "production";
await import("../server.js");
