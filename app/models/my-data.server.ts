/** "I miei dati": everything held about one person, for download (docs/security.md 8.3). */
import type { OwnScope } from "~/access/scope.server";
import { stringify } from "csv-stringify/sync";
import { prisma } from "~/utils/db.server";
import { csvSafe } from "~/utils/csv";

/** All the records about the person, with secrets (password hash, session ids, tokens) left out. */
export async function collectMyData({ scope }: { scope: OwnScope }) {
  const { personId } = scope;
  const person = await prisma.person.findUniqueOrThrow({
    where: { id: personId },
    select: {
      firstName: true,
      lastName: true,
      email: true,
      gender: true,
      birthYear: true,
      educationLevel: true,
      position: true,
      role: true,
      office: true,
      createdAt: true,
      organisation: { select: { name: true, istatCode: true } },
      user: {
        select: {
          email: true,
          locale: true,
          createdAt: true,
          lastLoginAt: true,
          passwordSetAt: true,
          roles: { select: { role: true, area: { select: { name: true } } } },
          sessions: { select: { createdAt: true, lastSeenAt: true, expiresAt: true, ip: true, userAgent: true } },
        },
      },
      enrolments: {
        select: { status: true, enrolledAt: true, withdrawnAt: true, edition: { select: { code: true, title: true } } },
      },
      attendances: {
        orderBy: { session: { startsAt: "asc" } },
        select: {
          status: true,
          minutes: true,
          mode: true,
          checkInAt: true,
          selfCheckIn: true,
          session: { select: { title: true, startsAt: true, endsAt: true } },
        },
      },
      progress: {
        orderBy: { unit: { position: "asc" } },
        select: {
          status: true,
          score: true,
          attempts: true,
          timeSpentSeconds: true,
          startedAt: true,
          completedAt: true,
          unit: { select: { title: true, kind: true } },
        },
      },
      moduleProgress: {
        select: {
          status: true,
          requiredUnits: true,
          completedUnits: true,
          scheduledMinutes: true,
          attendedMinutes: true,
          completedAt: true,
          module: { select: { title: true } },
        },
      },
      quizAttempts: {
        orderBy: { submittedAt: "asc" },
        select: {
          number: true,
          score: true,
          maxScore: true,
          passed: true,
          submittedAt: true,
          answers: true,
          unit: { select: { title: true } },
        },
      },
      labSubmissions: {
        orderBy: { submittedAt: "asc" },
        select: {
          version: true,
          text: true,
          fileName: true,
          status: true,
          feedback: true,
          submittedAt: true,
          reviewedAt: true,
          unit: { select: { title: true } },
        },
      },
      surveyResponses: {
        select: {
          submittedAt: true,
          unit: { select: { title: true } },
          answers: { select: { value: true, text: true, item: { select: { text: true } } } },
        },
      },
      certificates: {
        select: {
          code: true,
          attendedMinutes: true,
          issuedAt: true,
          revokedAt: true,
          module: { select: { title: true } },
        },
      },
    },
  });
  return { exportedAt: new Date().toISOString(), ...person };
}

type Row = [string, string, string, string];

/** Flattens the export into rows of (section, record, field, value): one fact per row. */
export function flattenForCsv(value: unknown, section = "", record = ""): Row[] {
  if (value === null || value === undefined || typeof value !== "object" || value instanceof Date) {
    return [[section, record, "", value instanceof Date ? value.toISOString() : String(value ?? "")]];
  }
  if (Array.isArray(value))
    return value.flatMap((v, i) => flattenForCsv(v, section, record ? `${record}.${i + 1}` : String(i + 1)));
  const rows: Row[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (v !== null && typeof v === "object" && !(v instanceof Date)) {
      rows.push(...flattenForCsv(v, section || k, section ? (record ? `${record}.${k}` : k) : ""));
    } else {
      rows.push([section || "persona", record, k, v instanceof Date ? v.toISOString() : String(v ?? "")]);
    }
  }
  return rows;
}

/** CSV for Italian spreadsheets: UTF-8 with BOM, `;` separator, formula-safe cells. */
export function myDataCsv(data: Awaited<ReturnType<typeof collectMyData>>) {
  const rows = flattenForCsv(data).map((r) => r.map(csvSafe));
  return `\uFEFF${stringify([["sezione", "record", "campo", "valore"], ...rows], { delimiter: ";" })}`;
}
