// The house's boundaries are lint rules (docs/decisions/013-house-layout.md): this proves the
// rules fail a change that crosses one, and pass the same code where it belongs.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("layer boundaries", () => {
  it.each([
    ["a route importing the database", "app/routes/nuova-pagina.tsx", 'import { prisma } from "~/utils/db.server";'],
    [
      "a route importing the generated client",
      "app/routes/nuova-pagina.tsx",
      'import { Prisma } from "~/generated/prisma/client";',
    ],
    ["a model importing Remix", "app/models/nuovo.server.ts", 'import { redirect } from "@remix-run/node";'],
    [
      "a model importing the guards",
      "app/models/nuovo.server.ts",
      'import { requireUser } from "~/access/guards.server";',
    ],
    [
      "a domain rule importing the database",
      "app/domain/nuova-regola.ts",
      'import { prisma } from "~/utils/db.server";',
    ],
    [
      "a domain rule importing a library other than zod",
      "app/domain/nuova-regola.ts",
      'import { format } from "date-fns";',
    ],
    [
      "a domain rule outside publiccode importing yaml",
      "app/domain/nuova-regola.ts",
      'import { parseDocument } from "yaml";',
    ],
    [
      "a publiccode rule importing another library",
      "app/domain/publiccode/nuovo.ts",
      'import { format } from "date-fns";',
    ],
    ["a job importing Remix", "app/jobs/nuovo.server.ts", 'import { redirect } from "@remix-run/node";'],
    ["the schedules importing the database", "app/jobs/schedule.ts", 'import { prisma } from "~/utils/db.server";'],
  ])("%s fails the lint", async (_what, filePath, code) => {
    expect(await restrictedImports(filePath, `${code}\nexport const x = 1;\n`)).not.toEqual([]);
  });

  it.each([
    ["a model importing the database", "app/models/nuovo.server.ts", 'import { prisma } from "~/utils/db.server";'],
    [
      "a route importing a model",
      "app/routes/nuova-pagina.tsx",
      'import { listSessions } from "~/models/attendance.server";',
    ],
    ["a domain rule importing zod", "app/domain/nuova-regola.ts", 'import { z } from "zod";'],
    [
      "a publiccode rule importing the YAML parser",
      "app/domain/publiccode/nuovo.ts",
      'import { parseDocument } from "yaml";',
    ],
    ["a job importing the database", "app/jobs/nuovo.server.ts", 'import { prisma } from "~/utils/db.server";'],
    [
      "the schedules importing the time helpers",
      "app/jobs/schedule.ts",
      'import { zonedToInstant } from "~/utils/time";',
    ],
  ])("%s passes", async (_what, filePath, code) => {
    expect(await restrictedImports(filePath, `${code}\nexport const x = 1;\n`)).toEqual([]);
  });
});
