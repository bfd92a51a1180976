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
// Production needs the public origin links in mails are made from; the demo on this machine
// is its own public origin. A deployment sets APP_URL (README, "Configuration").
if (!process.env.APP_URL) {
  process.env.APP_URL = `http://localhost:${process.env.PORT ?? 3000}`;
  console.log(`› APP_URL not set: links in mails will point to ${process.env.APP_URL}`);
}
await import("../server.js");
