/**
 * Synthetic dataset for `npm run bench` (docs/performance.md): one area, a comunità montana
 * and its 18 comuni, 20,000 learners enrolled in 3–7 of the programme's modules, 8 editions
 * per module (per phase for ICT), 6 sessions each, attendance of the sessions held, a
 * Progress row per learner × unit of their modules (≈1.1 M), and the stored ModuleProgress /
 * PhaseProgress computed here with the rules of app/domain/completion.ts, plus quiz
 * attempts, lab submissions, survey responses and certificates.
 *
 * Written to bench/.tmp/bench.db (never the dev database). The real content is loaded with
 * the app's own loadContent + syncContent; everything else goes in through raw
 * better-sqlite3 prepared statements, one transaction per batch of learners: the app's
 * per-learner recompute would take hours at this size.
 *
 *   npx tsx bench/generate.ts [--learners N]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { formatContentErrors, loadContent, syncContent } from "~/models/content.server";
import { ADMINISTRATOR_ROLES, MEN, OFFICES, SURNAMES, WOMEN } from "../prisma/seed-data/names";
import { OLTREPO_AREA, OLTREPO_COMUNI } from "../prisma/seed-data/territory";
import {
  BENCH_ACCOUNTS,
  DATABASE_URL,
  DAY,
  DB_FILE,
  HOUR,
  META_FILE,
  ROOT,
  TMP,
  isoText,
  seededRandom,
  type BenchMeta,
} from "./lib";

type Position = "ADMINISTRATOR" | "EMPLOYEE";
type UnitRow = {
  id: number;
  phaseId: number;
  kind: string;
  required: number;
  audience: string;
  passMark: number | null;
  maxAttempts: number | null;
  durationMinutes: number;
};
type PhaseRow = { id: number; moduleId: number; position: number };
type ModuleRow = { id: number; slug: string; title: string; attendanceThreshold: number };
type SessionInfo = {
  id: number;
  startsAt: number;
  endsAt: number;
  minutes: number;
  unitId: number | null;
  mode: string;
};
type EditionInfo = {
  id: number;
  code: string;
  moduleIndex: number;
  phaseId: number | null;
  startsOn: number;
  endsOn: number;
  closed: boolean;
  trainerUserId: number;
  sessions: SessionInfo[];
  enrolled: number;
};

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const LEARNERS = Number(argValue("--learners") ?? process.env.BENCH_LEARNERS ?? 20_000);
if (!Number.isInteger(LEARNERS) || LEARNERS < 100) throw new Error("--learners: an integer ≥ 100");
const EDITIONS_PER_MODULE = 8;
/** Share of a module's learners in each of its editions: edition 2 (open, running) is the big one. */
const EDITION_WEIGHTS = [0.12, 0.1, 0.17, 0.15, 0.13, 0.12, 0.11, 0.1];
/** Days from today when each edition starts: two are over, the others are running. */
const EDITION_START_DAYS = [-200, -150, -60, -45, -30, -20, -12, -5];
const SESSIONS_PER_EDITION = 6;
const SESSION_MINUTES = 210; // 08:30–12:00 UTC
/** How many of the 7 modules a learner takes: most take nearly all. */
const MODULES_TAKEN = [
  { k: 3, weight: 0.02 },
  { k: 4, weight: 0.03 },
  { k: 5, weight: 0.05 },
  { k: 6, weight: 0.15 },
  { k: 7, weight: 0.75 },
];
const ABBREVIATIONS: Record<string, string> = {
  "fondi-europei": "FEU",
  pnrr: "PNRR",
  appalti: "APP",
  "gestione-associata": "GAS",
  "sviluppo-locale": "SVL",
  ict: "ICT",
  comunicazione: "COM",
};

const started = Date.now();
const NOW = started;
const rnd = seededRandom(20261126);
const between = (min: number, max: number) => min + rnd() * (max - min);
const int = (min: number, max: number) => Math.floor(between(min, max + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
function weighted<T>(items: readonly { weight: number }[], values: readonly T[]): T {
  let r = rnd() * items.reduce((s, i) => s + i.weight, 0);
  for (let i = 0; i < items.length; i++) {
    r -= items[i].weight;
    if (r <= 0) return values[i];
  }
  return values[values.length - 1];
}
const slugify = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const code = (length: number) => Array.from({ length }, () => pick(CODE_ALPHABET.split(""))).join("");
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const log = (message: string) => console.log(`[bench:generate ${elapsed()}] ${message}`);

// ─────────────────────────── 1. a fresh file with the schema and the real content ───────────────────────────

mkdirSync(TMP, { recursive: true });
for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(DB_FILE + suffix, { force: true });
rmSync(META_FILE, { force: true });
execFileSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
  cwd: ROOT,
  env: { ...process.env, DATABASE_URL },
  stdio: ["ignore", "ignore", "inherit"],
});
log(`schema migrated into ${path.relative(ROOT, DB_FILE)}`);

{
  const prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: DATABASE_URL }) });
  try {
    const loaded = await loadContent(path.join(ROOT, "content"));
    if (!loaded.ok) throw new Error(`Contenuti non validi:\n${formatContentErrors(loaded.errors)}`);
    await syncContent(prisma, loaded.content);
  } finally {
    await prisma.$disconnect();
  }
}
log("content loaded (loadContent + syncContent)");

// ─────────────────────────── 2. raw inserts ───────────────────────────

const db = new Database(DB_FILE);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = OFF");
db.pragma("foreign_keys = OFF");
db.pragma("cache_size = -262144");
db.pragma("temp_store = MEMORY");

const modules = db
  .prepare(`SELECT id, slug, title, attendanceThreshold FROM "Module" WHERE archivedAt IS NULL ORDER BY position`)
  .all() as ModuleRow[];
const phases = db
  .prepare(`SELECT id, moduleId, position FROM "Phase" WHERE archivedAt IS NULL ORDER BY moduleId, position`)
  .all() as PhaseRow[];
const units = db
  .prepare(
    `SELECT u.id, u.phaseId, u.kind, u.required, u.audience, u.passMark, u.maxAttempts, u.durationMinutes FROM "Unit" u JOIN "Phase" p ON p.id = u.phaseId WHERE u.archivedAt IS NULL AND p.archivedAt IS NULL ORDER BY p.moduleId, p.position, u.position`,
  )
  .all() as UnitRow[];
const surveyItems = db
  .prepare(`SELECT id, unitId, type FROM "SurveyItem" WHERE archivedAt IS NULL ORDER BY unitId, position`)
  .all() as { id: number; unitId: number; type: string }[];
const itemsByUnit = new Map<number, { id: number; type: string }[]>();
for (const it of surveyItems) itemsByUnit.set(it.unitId, [...(itemsByUnit.get(it.unitId) ?? []), it]);
const phasesOf = (moduleId: number) => phases.filter((p) => p.moduleId === moduleId);
const unitsOfPhase = (phaseId: number) => units.filter((u) => u.phaseId === phaseId);
log(`${modules.length} modules, ${phases.length} phases, ${units.length} units`);

const now = isoText(NOW);
const ins = {
  area: db.prepare(`INSERT INTO "Area" (slug, name, region, createdAt) VALUES (?, ?, ?, ?)`),
  org: db.prepare(
    `INSERT INTO "Organisation" (name, kind, istatCode, areaId, parentId, active, createdAt) VALUES (?, ?, ?, ?, ?, 1, ?)`,
  ),
  person: db.prepare(
    `INSERT INTO "Person" (firstName, lastName, email, gender, birthYear, educationLevel, position, role, office, organisationId, active, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  ),
  user: db.prepare(
    `INSERT INTO "User" (email, passwordHash, personId, locale, active, failedLogins, passwordSetAt, createdAt, updatedAt) VALUES (?, NULL, ?, 'it', 1, 0, ?, ?, ?)`,
  ),
  role: db.prepare(`INSERT INTO "RoleAssignment" (userId, role, areaId, createdAt) VALUES (?, ?, ?, ?)`),
  edition: db.prepare(
    `INSERT INTO "Edition" (code, title, moduleId, phaseId, areaId, startsOn, endsOn, status, atRiskDays, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 14, ?)`,
  ),
  trainer: db.prepare(`INSERT OR IGNORE INTO "EditionTrainer" (editionId, userId, createdAt) VALUES (?, ?, ?)`),
  session: db.prepare(
    `INSERT INTO "Session" (editionId, unitId, title, startsAt, endsAt, mode, place, link, checkInCode, cancelledAt, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
  ),
  enrolment: db.prepare(
    `INSERT INTO "Enrolment" (editionId, personId, status, enrolledAt, withdrawnAt) VALUES (?, ?, ?, ?, ?)`,
  ),
  attendance: db.prepare(
    `INSERT INTO "Attendance" (sessionId, personId, status, minutes, mode, checkInAt, checkOutAt, selfCheckIn, recordedById, updatedAt) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?)`,
  ),
  progress: db.prepare(
    `INSERT INTO "Progress" (personId, unitId, status, score, attempts, timeSpentSeconds, startedAt, completedAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  phaseProgress: db.prepare(
    `INSERT INTO "PhaseProgress" (personId, phaseId, requiredUnits, completedUnits, status, completedAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ),
  moduleProgress: db.prepare(
    `INSERT INTO "ModuleProgress" (personId, moduleId, requiredUnits, completedUnits, scheduledMinutes, attendedMinutes, status, completedAt, lastActivityAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  quizAttempt: db.prepare(
    `INSERT INTO "QuizAttempt" (personId, unitId, number, answers, score, maxScore, passed, startedAt, submittedAt) VALUES (?, ?, ?, '{}', ?, 100, ?, ?, ?)`,
  ),
  lab: db.prepare(
    `INSERT INTO "LabSubmission" (personId, unitId, editionId, version, text, status, feedback, reviewedById, submittedAt, reviewedAt) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?)`,
  ),
  surveyResponse: db.prepare(`INSERT INTO "SurveyResponse" (personId, unitId, submittedAt) VALUES (?, ?, ?)`),
  surveyAnswer: db.prepare(`INSERT INTO "SurveyAnswer" (responseId, itemId, value, text) VALUES (?, ?, ?, ?)`),
  certificate: db.prepare(
    `INSERT INTO "Certificate" (code, personId, moduleId, attendedMinutes, issuedAt, revokedAt, revokedReason) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ),
};
const id = (r: Database.RunResult) => Number(r.lastInsertRowid);

// Territory, staff accounts, editions and sessions: small, one transaction.
type Learner = { personId: number; position: Position; diligence: number };
const learners: Learner[] = [];
const editionsByModule: EditionInfo[][] = [];
const trainerUserIds: number[] = [];
let areaId = 0;
let bigEdition: EditionInfo | undefined;

db.transaction(() => {
  areaId = id(ins.area.run(OLTREPO_AREA.slug, OLTREPO_AREA.name, OLTREPO_AREA.region, now));
  const cm = id(ins.org.run("Comunità Montana dell'Oltrepò Pavese", "COMUNITA_MONTANA", null, areaId, null, now));
  const agency = id(ins.org.run("Agenzia formativa del programma", "OTHER", null, areaId, null, now));
  // 18 comuni of very different sizes: a few large ones hold most of the people.
  const comuni = OLTREPO_COMUNI.map((c, i) => ({
    id: id(ins.org.run(`Comune di ${c.name}`, "COMUNE", c.istatCode, areaId, cm, now)),
    domain: `comune.${slugify(c.name)}.pv.it`,
    weight: i % 5 === 0 ? 3 + rnd() * 3 : 0.5 + rnd(),
  }));

  const staff = (
    firstName: string,
    lastName: string,
    gender: "F" | "M",
    position: string,
    orgId: number,
    role: string,
    email: string,
    roles: { role: string; areaId: number | null }[],
  ) => {
    const personId = id(
      ins.person.run(firstName, lastName, null, gender, 1975, "ISCED_5_8", position, role, null, orgId, now, now),
    );
    const userId = id(ins.user.run(email, personId, now, now, now));
    for (const r of roles) ins.role.run(userId, r.role, r.areaId, now);
    return { personId, userId };
  };
  trainerUserIds.push(
    staff("Luca", "Moretti", "M", "EXTERNAL", agency, "Formatore", BENCH_ACCOUNTS.trainer, [
      { role: "TRAINER", areaId: null },
    ]).userId,
  );
  for (const [i, [first, last, g]] of (
    [
      ["Chiara", "Galli", "F"],
      ["Paolo", "Bianchi", "M"],
      ["Sara", "Fontana", "F"],
    ] as const
  ).entries()) {
    trainerUserIds.push(
      staff(first, last, g, "EXTERNAL", agency, "Formatore", `bench.formatore${i + 2}@capacitas.example`, [
        { role: "TRAINER", areaId: null },
      ]).userId,
    );
  }
  staff("Elena", "Rossetti", "F", "EMPLOYEE", cm, "Coordinatrice del programma", BENCH_ACCOUNTS.coordinator, [
    { role: "COORDINATOR", areaId },
  ]);

  // Learners: 80 % employees, 20 % administrators; 70 % have an account (not yet activated).
  for (let i = 0; i < LEARNERS; i++) {
    const position: Position = i === 0 ? "EMPLOYEE" : rnd() < 0.8 ? "EMPLOYEE" : "ADMINISTRATOR";
    const female = i === 0 || rnd() < 0.54;
    const firstName = i === 0 ? "Giulia" : pick(female ? WOMEN : MEN);
    const lastName = i === 0 ? "Ferrari" : pick(SURNAMES);
    const r = rnd();
    const gender = r < 0.01 ? "NON_BINARY" : r < 0.03 ? "NOT_STATED" : female ? "F" : "M";
    const birthYear = position === "ADMINISTRATOR" ? int(1950, 1998) : Math.round(1962 + 39 * ((rnd() + rnd()) / 2));
    const education = weighted(
      [{ weight: 12 }, { weight: 48 }, { weight: 37 }, { weight: 3 }],
      ["ISCED_0_2", "ISCED_3_4", "ISCED_5_8", "NOT_STATED"],
    );
    const comune = weighted(comuni, comuni);
    const job = pick(OFFICES);
    const role = position === "ADMINISTRATOR" ? pick(ADMINISTRATOR_ROLES) : job.role;
    const email = i === 0 ? BENCH_ACCOUNTS.learner : `${slugify(firstName)}.${slugify(lastName)}.${i}@${comune.domain}`;
    const createdAt = isoText(NOW - int(220, 400) * DAY);
    const personId = id(
      ins.person.run(
        firstName,
        lastName,
        email,
        gender,
        birthYear,
        education,
        position,
        role,
        position === "EMPLOYEE" ? job.office : null,
        comune.id,
        createdAt,
        createdAt,
      ),
    );
    if (i === 0 || rnd() < 0.7) {
      const userId = id(ins.user.run(email, personId, i === 0 ? now : null, createdAt, createdAt));
      ins.role.run(userId, "LEARNER", null, createdAt);
    }
    // Diligence: most learners keep going, a long tail drops out early.
    learners.push({ personId, position, diligence: i === 0 ? 0.8 : 0.55 + 0.44 * Math.sqrt(rnd()) });
  }

  // Editions: 8 per module (for ICT, 8 per phase: its two teams), 6 sessions each.
  const places = [
    "Sala riunioni della Comunità Montana, Varzi",
    "Sala consiliare del Comune di Godiasco Salice Terme",
    "Biblioteca civica di Zavattarello",
    "Sala polifunzionale di Ponte Nizza",
  ];
  for (const [m, module] of modules.entries()) {
    const modulePhases = phasesOf(module.id);
    const split = modulePhases.length > 1;
    const targets = split
      ? modulePhases.map((p, i) => ({ phaseId: p.id as number | null, suffix: `-F${i + 1}` }))
      : [{ phaseId: null as number | null, suffix: "" }];
    const list: EditionInfo[] = [];
    for (let j = 0; j < EDITIONS_PER_MODULE; j++) {
      for (const target of targets) {
        const startsOn =
          Date.UTC(new Date(NOW).getUTCFullYear(), new Date(NOW).getUTCMonth(), new Date(NOW).getUTCDate()) +
          EDITION_START_DAYS[j] * DAY;
        const endsOn = startsOn + 90 * DAY;
        const closed = endsOn < NOW;
        const editionCode = `BEN-${ABBREVIATIONS[module.slug] ?? module.slug.toUpperCase()}${target.suffix}-${j + 1}`;
        const editionId = id(
          ins.edition.run(
            editionCode,
            target.phaseId ? `${module.title} — fase ${target.suffix.slice(2)}` : module.title,
            module.id,
            target.phaseId,
            areaId,
            isoText(startsOn),
            isoText(endsOn),
            closed ? "CLOSED" : "OPEN",
            isoText(startsOn - 30 * DAY),
          ),
        );
        const trainerUserId = trainerUserIds[(m + j) % trainerUserIds.length];
        ins.trainer.run(editionId, trainerUserId, now);
        const scopeUnits = target.phaseId
          ? unitsOfPhase(target.phaseId)
          : modulePhases.flatMap((p) => unitsOfPhase(p.id));
        const scheduled = scopeUnits.filter((u) => u.kind === "SEMINAR" || u.kind === "LAB");
        const info: EditionInfo = {
          id: editionId,
          code: editionCode,
          moduleIndex: m,
          phaseId: target.phaseId,
          startsOn,
          endsOn,
          closed,
          trainerUserId,
          sessions: [],
          enrolled: 0,
        };
        for (let s = 0; s < SESSIONS_PER_EDITION; s++) {
          const startsAt = startsOn + (7 + 14 * s) * DAY + 8.5 * HOUR;
          const endsAt = startsAt + SESSION_MINUTES * 60_000;
          const unit = scheduled.length ? scheduled[s % scheduled.length] : null;
          const mode = (["PRESENCE", "ONLINE", "HYBRID"] as const)[(s + j) % 3];
          const sessionId = id(
            ins.session.run(
              editionId,
              unit?.id ?? null,
              `${unit?.kind === "LAB" ? "Laboratorio" : "Seminario"} ${s + 1} — ${module.title}`,
              isoText(startsAt),
              isoText(endsAt),
              mode,
              mode === "ONLINE" ? null : places[(s + j) % places.length],
              mode === "PRESENCE" ? null : `https://meet.jit.si/capacitas-${editionCode.toLowerCase()}-${s + 1}`,
              code(6),
              isoText(startsOn - 20 * DAY),
            ),
          );
          info.sessions.push({
            id: sessionId,
            startsAt,
            endsAt,
            minutes: SESSION_MINUTES,
            unitId: unit?.id ?? null,
            mode,
          });
        }
        list.push(info);
      }
    }
    editionsByModule.push(list);
  }
  // The trainer's big edition: the first module's edition 3 (open, the largest share).
  bigEdition = editionsByModule[0].find((e) => e.code.endsWith("-3"))!;
  ins.trainer.run(bigEdition.id, trainerUserIds[0], now);
})();
log(
  `territory, ${learners.length} learners, ${editionsByModule.flat().length} editions with ${editionsByModule.flat().length * SESSIONS_PER_EDITION} sessions`,
);

// ─────────────────────────── 3. each learner's records, batch by batch ───────────────────────────

const counts: Record<string, number> = {};
const count = (table: string, n = 1) => (counts[table] = (counts[table] ?? 0) + n);
const certificateCodes = new Set<string>();
const LAB_TEXT =
  "Consegna del laboratorio: analisi del procedimento nel nostro ente, con le criticità rilevate e le proposte di miglioramento.";
const forLearner = (audience: string, position: Position) => audience === "ALL" || audience === position;
const isDone = (status: string) => status === "COMPLETED" || status === "PASSED";

function learnerRecords(learner: Learner, index: number) {
  const { personId, position, diligence } = learner;
  const k =
    index === 0
      ? modules.length
      : weighted(
          MODULES_TAKEN,
          MODULES_TAKEN.map((x) => x.k),
        );
  const order = modules.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const chosen = order.slice(0, k).sort((a, b) => a - b);
  for (const m of chosen) {
    const module = modules[m];
    // One team (edition index) per module; for ICT the same team's edition of each phase.
    const team =
      index === 0 && m === 0
        ? 2
        : weighted(
            EDITION_WEIGHTS.map((weight) => ({ weight })),
            EDITION_WEIGHTS.map((_, j) => j),
          );
    const editions = editionsByModule[m].filter((e) => e.code.endsWith(`-${team + 1}`));
    const first = editions[0];
    const late = index > 0 && first.sessions[0].endsAt < NOW && rnd() < 0.05;
    const withdrawn = index > 0 && rnd() < 0.02;
    let scheduledMinutes = 0;
    let attendedMinutes = 0;
    let lastAttended = 0;
    const attendedUnits = new Map<number, number>();
    let enrolledAt = 0;
    for (const e of editions) {
      enrolledAt = late
        ? Math.min(NOW - HOUR, first.sessions[0].endsAt + int(1, 5) * DAY)
        : e.startsOn - int(1, 10) * DAY;
      const withdrawnAt = withdrawn ? Math.min(NOW - HOUR, enrolledAt + int(10, 60) * DAY) : null;
      ins.enrolment.run(
        e.id,
        personId,
        withdrawn ? "WITHDRAWN" : "ACTIVE",
        isoText(enrolledAt),
        withdrawnAt ? isoText(withdrawnAt) : null,
      );
      count("Enrolment");
      if (!withdrawn) e.enrolled++;
      for (const s of e.sessions) {
        const held = s.endsAt < NOW;
        const notExpected = s.endsAt < enrolledAt;
        if (!notExpected && !withdrawn) scheduledMinutes += s.minutes;
        if (!held || (withdrawnAt !== null && s.startsAt > withdrawnAt)) continue;
        let status: string;
        let minutes = 0;
        if (notExpected) status = "NOT_EXPECTED";
        else {
          const r = rnd();
          status = r < 0.45 + diligence * 0.5 ? "PRESENT" : r < 0.97 ? "ABSENT" : "JUSTIFIED";
          if (status === "PRESENT") {
            minutes = s.minutes - pick([0, 0, 0, 0, 15, 30]);
            if (!withdrawn) attendedMinutes += minutes;
            if (s.unitId) attendedUnits.set(s.unitId, s.endsAt);
            lastAttended = Math.max(lastAttended, s.endsAt);
          }
        }
        const mode = status === "PRESENT" ? (s.mode === "HYBRID" ? pick(["PRESENCE", "ONLINE"]) : s.mode) : null;
        ins.attendance.run(
          s.id,
          personId,
          status,
          minutes,
          mode,
          status === "PRESENT" && mode === "ONLINE" && rnd() < 0.5 ? 1 : 0,
          e.trainerUserId,
          isoText(s.endsAt + int(1, 48) * HOUR),
        );
        count("Attendance");
      }
    }

    // Self-paced units in order, until the learner's effort runs out; open editions are
    // also bounded by how far the edition has gone.
    const closed = first.closed;
    const effort = closed ? Math.max(diligence, 0.93) : diligence;
    const progressShare = Math.min(1, Math.max(0, (NOW - first.startsOn) / (90 * DAY)));
    const modulePhases = phasesOf(module.id);
    const scope = modulePhases.flatMap((p) => unitsOfPhase(p.id)).filter((u) => forLearner(u.audience, position));
    const selfPaced = scope.filter((u) => u.kind !== "SEMINAR").length;
    const reachable = closed ? selfPaced : Math.max(1, Math.round(selfPaced * (0.2 + progressShare)));
    type Outcome = {
      unit: UnitRow;
      status: string;
      score: number | null;
      attempts: number;
      scores: number[];
      labStatus?: string;
    };
    const outcomes: Outcome[] = [];
    let stopped = false;
    let frontier = false;
    let reached = 0;
    for (const u of scope) {
      if (u.kind === "SEMINAR") {
        outcomes.push({
          unit: u,
          status: attendedUnits.has(u.id) ? "COMPLETED" : "NOT_STARTED",
          score: null,
          attempts: 0,
          scores: [],
        });
        continue;
      }
      if (!stopped && (reached >= reachable || rnd() > effort)) {
        stopped = true;
        frontier = true;
      }
      if (stopped) {
        outcomes.push({
          unit: u,
          status: frontier && u.kind === "LESSON" && rnd() < 0.5 ? "IN_PROGRESS" : "NOT_STARTED",
          score: null,
          attempts: 0,
          scores: [],
        });
        frontier = false;
        continue;
      }
      reached++;
      if (u.kind === "QUIZ") {
        const passMark = u.passMark ?? 0;
        const scores = [Math.round(35 + 65 * Math.sqrt(rnd()))];
        if (scores[0] < passMark && (u.maxAttempts ?? 1) > 1 && rnd() < 0.7)
          scores.push(Math.min(100, scores[0] + int(10, 40)));
        const best = Math.max(...scores);
        const passed = best >= passMark;
        outcomes.push({ unit: u, status: passed ? "PASSED" : "FAILED", score: best, attempts: scores.length, scores });
        if (!passed) stopped = true;
      } else if (u.kind === "LAB") {
        const r = rnd();
        const labStatus = r < 0.72 ? "ACCEPTED" : r < 0.88 ? "SUBMITTED" : "TO_REVISE";
        outcomes.push({
          unit: u,
          status: labStatus === "ACCEPTED" ? "COMPLETED" : "IN_PROGRESS",
          score: null,
          attempts: 0,
          scores: [],
          labStatus,
        });
        if (labStatus !== "ACCEPTED") stopped = true;
      } else {
        outcomes.push({ unit: u, status: "COMPLETED", score: null, attempts: 0, scores: [] });
      }
    }

    // Moments: spread from enrolment to the learner's last activity (recent for most, weeks
    // ago for those who stalled; within the edition when it is over).
    const active = outcomes.filter((o) => o.status !== "NOT_STARTED" && o.unit.kind !== "SEMINAR");
    const lastActive = closed
      ? first.endsOn - int(0, 25) * DAY
      : Math.max(enrolledAt + DAY, NOW - Math.min(60, -Math.log(1 - rnd()) * (stopped ? 12 : 4)) * DAY);
    const span = Math.max(HOUR, lastActive - enrolledAt);
    let latest = 0;
    const phaseStats = new Map(modulePhases.map((p) => [p.id, { counted: 0, done: 0, touched: false, doneAt: 0 }]));
    for (const o of outcomes) {
      const u = o.unit;
      let startedAt: number | null = null;
      let completedAt: number | null = null;
      let timeSpent = 0;
      if (u.kind === "SEMINAR") {
        if (o.status === "COMPLETED") startedAt = completedAt = attendedUnits.get(u.id)!;
      } else if (o.status !== "NOT_STARTED") {
        const order = active.indexOf(o);
        const at = Math.min(NOW - 5 * 60_000, enrolledAt + (span * (order + 1)) / active.length - rnd() * HOUR * 6);
        timeSpent =
          u.kind === "LESSON"
            ? Math.round(u.durationMinutes * 60 * between(0.6, 1.6))
            : u.kind === "QUIZ"
              ? Math.round(u.durationMinutes * 60 * between(0.5, 1.2))
              : 0;
        startedAt = at - timeSpent * 1000;
        completedAt = isDone(o.status) ? at : null;
        if (u.kind === "QUIZ") {
          o.scores.forEach((score, n) => {
            const when = at - (o.scores.length - 1 - n) * 2 * DAY;
            ins.quizAttempt.run(
              personId,
              u.id,
              n + 1,
              score,
              score >= (u.passMark ?? 0) ? 1 : 0,
              isoText(when - timeSpent * 1000),
              isoText(when),
            );
            count("QuizAttempt");
          });
        } else if (u.kind === "LAB") {
          const reviewed = o.labStatus !== "SUBMITTED";
          const edition = editions.find((e) => e.phaseId === null || e.phaseId === u.phaseId) ?? first;
          ins.lab.run(
            personId,
            u.id,
            edition.id,
            LAB_TEXT,
            o.labStatus,
            reviewed
              ? o.labStatus === "ACCEPTED"
                ? "Lavoro completo e ben argomentato."
                : "Manca l'analisi dei costi: da integrare."
              : null,
            reviewed ? edition.trainerUserId : null,
            isoText(at),
            reviewed ? isoText(Math.min(NOW, at + 2 * DAY)) : null,
          );
          count("LabSubmission");
        } else if (u.kind === "SURVEY") {
          const responseId = id(ins.surveyResponse.run(personId, u.id, isoText(at)));
          count("SurveyResponse");
          for (const item of itemsByUnit.get(u.id) ?? []) {
            if (item.type === "LIKERT")
              ins.surveyAnswer.run(
                responseId,
                item.id,
                weighted(
                  [{ weight: 3 }, { weight: 7 }, { weight: 20 }, { weight: 40 }, { weight: 30 }],
                  [1, 2, 3, 4, 5],
                ),
                null,
              );
            else if (rnd() < 0.15)
              ins.surveyAnswer.run(
                responseId,
                item.id,
                null,
                "Utile per il lavoro quotidiano in comune; più esempi pratici.",
              );
            else continue;
            count("SurveyAnswer");
          }
        }
      }
      const updatedAt = completedAt ?? startedAt ?? enrolledAt;
      ins.progress.run(
        personId,
        u.id,
        o.status,
        o.score,
        o.attempts,
        timeSpent,
        startedAt ? isoText(startedAt) : null,
        completedAt ? isoText(completedAt) : null,
        isoText(updatedAt),
      );
      count("Progress");
      if (o.status !== "NOT_STARTED") latest = Math.max(latest, completedAt ?? startedAt ?? 0);
      const ph = phaseStats.get(u.phaseId)!;
      if (o.status !== "NOT_STARTED") ph.touched = true;
      if (u.required) {
        ph.counted++;
        if (isDone(o.status)) {
          ph.done++;
          ph.doneAt = Math.max(ph.doneAt, completedAt ?? 0);
        }
      }
    }

    // Stored completion, with the rules of app/domain/completion.ts.
    let required = 0;
    let done = 0;
    let allPhasesDone = modulePhases.length > 0;
    let touched = false;
    let doneAt = 0;
    for (const p of modulePhases) {
      const s = phaseStats.get(p.id)!;
      const status = s.done === s.counted ? "COMPLETED" : s.touched ? "IN_PROGRESS" : "NOT_STARTED";
      const completedAt = status === "COMPLETED" ? Math.max(s.doneAt, enrolledAt) : null;
      ins.phaseProgress.run(
        personId,
        p.id,
        s.counted,
        s.done,
        status,
        completedAt ? isoText(completedAt) : null,
        isoText(Math.max(latest, enrolledAt)),
      );
      count("PhaseProgress");
      required += s.counted;
      done += s.done;
      allPhasesDone &&= status === "COMPLETED";
      touched ||= s.touched;
      doneAt = Math.max(doneAt, s.doneAt);
    }
    const needed = Math.max(0, Math.ceil(scheduledMinutes * module.attendanceThreshold - 1e-9));
    const status =
      allPhasesDone && attendedMinutes >= needed
        ? "COMPLETED"
        : attendedMinutes > 0 || touched
          ? "IN_PROGRESS"
          : "NOT_STARTED";
    const completedAt =
      status === "COMPLETED" ? Math.min(NOW, Math.max(doneAt, lastAttended, enrolledAt) + HOUR) : null;
    ins.moduleProgress.run(
      personId,
      module.id,
      required,
      done,
      scheduledMinutes,
      attendedMinutes,
      status,
      completedAt ? isoText(completedAt) : null,
      latest ? isoText(latest) : null,
      isoText(Math.max(latest, lastAttended, enrolledAt)),
    );
    count("ModuleProgress");
    if (status === "COMPLETED") {
      let certificateCode = code(10);
      while (certificateCodes.has(certificateCode)) certificateCode = code(10);
      certificateCodes.add(certificateCode);
      const revoked = rnd() < 0.005;
      const issuedAt = Math.min(NOW, completedAt! + DAY);
      ins.certificate.run(
        certificateCode,
        personId,
        module.id,
        attendedMinutes,
        isoText(issuedAt),
        revoked ? isoText(Math.min(NOW, issuedAt + 5 * DAY)) : null,
        revoked ? "Presenze registrate per errore" : null,
      );
      count("Certificate");
    }
  }
}

const BATCH = 1000;
const batch = db.transaction((from: number, to: number) => {
  for (let i = from; i < to; i++) learnerRecords(learners[i], i);
});
for (let from = 0; from < learners.length; from += BATCH) {
  batch(from, Math.min(learners.length, from + BATCH));
  const done = Math.min(learners.length, from + BATCH);
  if (done % 5000 === 0 || done === learners.length)
    log(`${done} / ${learners.length} learners (${(counts.Progress ?? 0).toLocaleString("en")} progress rows)`);
}

// ─────────────────────────── 4. check, settle, describe ───────────────────────────

const violations = db.pragma("foreign_key_check") as unknown[];
if (violations.length)
  throw new Error(`${violations.length} foreign key violations, e.g. ${JSON.stringify(violations[0])}`);
db.pragma("wal_checkpoint(TRUNCATE)");
db.pragma("synchronous = NORMAL");
const tables = [
  "Person",
  "User",
  "Organisation",
  "Edition",
  "Session",
  "Enrolment",
  "Attendance",
  "Progress",
  "PhaseProgress",
  "ModuleProgress",
  "QuizAttempt",
  "LabSubmission",
  "SurveyResponse",
  "SurveyAnswer",
  "Certificate",
  "Unit",
];
const finalCounts = Object.fromEntries(
  tables.map((t) => [t, (db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n]),
);
db.close();

const big = bigEdition!;
const meta: BenchMeta = {
  generatedAt: new Date(NOW).toISOString(),
  seconds: Math.round((Date.now() - started) / 100) / 10,
  learners: LEARNERS,
  bigEdition: { id: big.id, code: big.code, enrolled: big.enrolled },
  counts: finalCounts,
};
writeFileSync(META_FILE, `${JSON.stringify(meta, null, 2)}\n`);
log(
  `done: ${Object.entries(finalCounts)
    .map(([t, n]) => `${t} ${n.toLocaleString("en")}`)
    .join(", ")}`,
);
log(`trainer's big edition: ${big.code} (id ${big.id}, ${big.enrolled} active learners)`);
