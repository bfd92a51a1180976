/**
 * Content sync: content/ files → database, in one transaction, idempotent.
 * Nothing is ever deleted: what disappears from the files is archived, so progress,
 * attempts and submissions keep pointing at real rows (docs/content-format.md).
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import YAML from "yaml";
import type { z } from "zod";
import type { Actor } from "~/access/scope.server";
import type { ContentProblem } from "~/domain/assessment-content-schema";
import { CompetencesFile, ModuleFile, ProgrammeFile, UnitFrontMatter } from "~/domain/content-schema";
import {
  frozenFrameworkChanges,
  loadFrameworks,
  syncFrameworks,
  type LoadedFramework,
} from "~/models/assessment-framework.server";
import { audit } from "~/utils/audit.server";
import type { PrismaClient, Tx } from "~/utils/db.server";

export type ContentError = ContentProblem;

export type LoadedUnit = { slug: string; file: string; body: string; data: UnitFrontMatter };
export type LoadedModule = {
  slug: string;
  file: string;
  data: ModuleFile;
  units: Map<string, LoadedUnit>;
};
export type LoadedContent = {
  programme: ProgrammeFile;
  competences: CompetencesFile;
  modules: LoadedModule[];
  /** the assessment instrument's versions (content/assessment/) */
  frameworks: LoadedFramework[];
};

export type LoadResult = { ok: true; content: LoadedContent } | { ok: false; errors: ContentError[] };

/** Reads and validates every file under `dir`; collects every error instead of stopping at the first. */
export async function loadContent(dir: string): Promise<LoadResult> {
  const errors: ContentError[] = [];
  const rel = (f: string) => path.relative(process.cwd(), f) || f;

  async function readYaml<S extends z.ZodType>(file: string, schema: S): Promise<z.infer<S> | undefined> {
    let raw: unknown;
    try {
      raw = YAML.parse(await readFile(file, "utf8"));
    } catch (error) {
      errors.push({ file: rel(file), field: "(file)", reason: describeReadError(error) });
      return undefined;
    }
    return check(file, schema, raw);
  }

  function check<S extends z.ZodType>(file: string, schema: S, raw: unknown): z.infer<S> | undefined {
    const parsed = schema.safeParse(raw ?? {});
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      errors.push({ file: rel(file), field: issue.path.join(".") || "(file)", reason: issue.message });
    }
    return undefined;
  }

  const programme = await readYaml(path.join(dir, "programme.yml"), ProgrammeFile);
  const competences = await readYaml(path.join(dir, "competences.yml"), CompetencesFile);
  const competenceCodes = new Set(competences?.areas.flatMap((a) => a.competences.map((c) => c.code)) ?? []);

  const modules: LoadedModule[] = [];
  for (const moduleSlug of programme?.modules ?? []) {
    const moduleDir = path.join(dir, "modules", moduleSlug);
    const moduleFile = path.join(moduleDir, "module.yml");
    const data = await readYaml(moduleFile, ModuleFile);
    if (!data) continue;
    const units = new Map<string, LoadedUnit>();
    const listed = new Set<string>();
    data.phases.forEach((phase, p) =>
      phase.units.forEach((u, i) => {
        if (listed.has(u)) {
          errors.push({
            file: rel(moduleFile),
            field: `phases.${p}.units.${i}`,
            reason: `unità "${u}" elencata due volte`,
          });
        }
        listed.add(u);
      }),
    );
    let present: string[] = [];
    try {
      present = (await readdir(moduleDir)).filter((f) => f.endsWith(".md")).map((f) => f.slice(0, -3));
    } catch (error) {
      errors.push({ file: rel(moduleDir), field: "(folder)", reason: describeReadError(error) });
    }
    for (const slug of present) {
      if (!listed.has(slug)) {
        errors.push({
          file: rel(path.join(moduleDir, `${slug}.md`)),
          field: "(file)",
          reason: "unità non elencata in module.yml",
        });
      }
    }
    for (const slug of listed) {
      const unitFile = path.join(moduleDir, `${slug}.md`);
      if (!present.includes(slug)) {
        errors.push({ file: rel(moduleFile), field: "phases.units", reason: `manca il file ${slug}.md` });
        continue;
      }
      let parsedMatter: matter.GrayMatterFile<string>;
      try {
        // NOTE: gray-matter caches by content; pass an options object to bypass the cache.
        parsedMatter = matter(await readFile(unitFile, "utf8"), {});
      } catch (error) {
        errors.push({ file: rel(unitFile), field: "(front matter)", reason: describeReadError(error) });
        continue;
      }
      const unit = check(unitFile, UnitFrontMatter, parsedMatter.data);
      if (!unit) continue;
      const codes = [
        ...unit.competences.map((c, i) => ({ c, field: `competences.${i}` })),
        ...(unit.kind === "quiz"
          ? unit.questions.flatMap((q, i) =>
              q.competence ? [{ c: q.competence, field: `questions.${i}.competence` }] : [],
            )
          : []),
      ];
      for (const { c, field } of codes) {
        if (!competenceCodes.has(c)) {
          errors.push({ file: rel(unitFile), field, reason: `competenza "${c}" non definita in competences.yml` });
        }
      }
      if (unit.kind === "lab" && !unit.deliverable.text && !unit.deliverable.file) {
        // A lab without deliverable is legitimate (attendance only): nothing to check.
      }
      units.set(slug, { slug, file: rel(unitFile), body: parsedMatter.content.trim(), data: unit });
    }
    modules.push({ slug: moduleSlug, file: rel(moduleFile), data, units });
  }

  const assessment = await loadFrameworks(dir, rel);
  errors.push(...assessment.errors);

  if (errors.length > 0 || !programme || !competences) {
    return { ok: false, errors };
  }
  return { ok: true, content: { programme, competences, modules, frameworks: assessment.frameworks } };
}

function describeReadError(error: unknown): string {
  if (error && typeof error === "object" && "code" in error && error.code === "ENOENT") return "file mancante";
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  return `file non leggibile: ${message}`;
}

export type SyncSummary = { created: number; updated: number; archived: number; unchanged: number };

/** The files are valid but the database refuses them (a frozen framework version changed). */
export class ContentConflictError extends Error {
  constructor(readonly errors: ContentError[]) {
    super(formatContentErrors(errors));
    this.name = "ContentConflictError";
  }
}

const AUDIENCE = { all: "ALL", administrator: "ADMINISTRATOR", employee: "EMPLOYEE" } as const;
const KIND = { lesson: "LESSON", seminar: "SEMINAR", lab: "LAB", quiz: "QUIZ", survey: "SURVEY" } as const;
const LEVEL = { base: "BASE", intermedio: "INTERMEDIO", avanzato: "AVANZATO" } as const;
const QTYPE = { single: "SINGLE", multiple: "MULTIPLE", truefalse: "TRUE_FALSE" } as const;

/**
 * Writes loaded content into the database in one transaction. Records are matched by
 * slug (and key, for questions and survey items); missing ones are archived.
 */
export async function syncContent(
  db: PrismaClient,
  content: LoadedContent,
  { now = new Date(), actor }: { now?: Date; actor?: Actor } = {},
): Promise<SyncSummary> {
  const summary: SyncSummary = { created: 0, updated: 0, archived: 0, unchanged: 0 };
  const conflicts = await frozenFrameworkChanges(db, content.frameworks);
  if (conflicts.length > 0) throw new ContentConflictError(conflicts);

  /** Creates, updates only when a field differs, and counts what happened. */
  async function reconcile<T extends { id: number; archivedAt?: Date | null }>(
    existing: T | null,
    wanted: Record<string, unknown>,
    create: () => Promise<T>,
    update: (data: Record<string, unknown>) => Promise<T>,
  ): Promise<T> {
    if (!existing) {
      summary.created++;
      return create();
    }
    const changed: Record<string, unknown> = {};
    for (const [k, v] of Object.entries({ ...wanted, archivedAt: null })) {
      if (!(k in existing) && k !== "archivedAt") continue;
      if ((existing as Record<string, unknown>)[k] !== v) changed[k] = v;
    }
    if (Object.keys(changed).length === 0) {
      summary.unchanged++;
      return existing;
    }
    summary.updated++;
    return update(changed);
  }

  async function archive(
    tx: Tx,
    model: "module" | "phase" | "unit" | "question" | "surveyItem" | "competence",
    ids: number[],
  ) {
    if (ids.length === 0) return;
    // The delegate types differ per model but share updateMany's shape.
    const delegate = tx[model] as unknown as {
      updateMany(args: { where: { id: { in: number[] } }; data: { archivedAt: Date } }): Promise<{ count: number }>;
    };
    const { count } = await delegate.updateMany({ where: { id: { in: ids } }, data: { archivedAt: now } });
    summary.archived += count;
  }

  await db.$transaction(
    async (tx) => {
      // Competences
      const framework = content.competences.framework;
      const competenceIds = new Map<string, number>();
      const existingCompetences = await tx.competence.findMany({ where: { framework } });
      for (const area of content.competences.areas) {
        for (const c of area.competences) {
          const wanted = { areaCode: area.code, areaTitle: area.title, title: c.title, description: c.description };
          const row = existingCompetences.find((e) => e.code === c.code) ?? null;
          const saved = await reconcile(
            row,
            wanted,
            () => tx.competence.create({ data: { framework, code: c.code, ...wanted } }),
            (data) => tx.competence.update({ where: { id: row!.id }, data }),
          );
          competenceIds.set(c.code, saved.id);
        }
      }
      await archive(
        tx,
        "competence",
        existingCompetences.filter((e) => !e.archivedAt && !competenceIds.has(e.code)).map((e) => e.id),
      );

      // Programme
      const p = content.programme;
      const programme = await tx.programme.upsert({
        where: { slug: p.slug },
        create: { slug: p.slug, title: p.title, description: p.description, syncedAt: now },
        update: { title: p.title, description: p.description, syncedAt: now },
      });

      const existingModules = await tx.module.findMany({ where: { programmeId: programme.id } });
      const keptModules = new Set<number>();
      for (const [position, m] of content.modules.entries()) {
        const wanted = {
          position,
          title: m.data.title,
          summary: m.data.summary,
          audience: AUDIENCE[m.data.audience],
          attendanceThreshold: m.data.attendanceThreshold,
        };
        const row = existingModules.find((e) => e.slug === m.slug) ?? null;
        const mod = await reconcile(
          row,
          wanted,
          () => tx.module.create({ data: { programmeId: programme.id, slug: m.slug, ...wanted } }),
          (data) => tx.module.update({ where: { id: row!.id }, data }),
        );
        keptModules.add(mod.id);

        const existingPhases = await tx.phase.findMany({ where: { moduleId: mod.id } });
        const keptPhases = new Set<number>();
        for (const [phasePosition, ph] of m.data.phases.entries()) {
          const wantedPhase = {
            position: phasePosition,
            title: ph.title,
            summary: ph.summary ?? null,
            team: ph.team ?? null,
          };
          const phaseRow = existingPhases.find((e) => e.slug === ph.slug) ?? null;
          const phase = await reconcile(
            phaseRow,
            wantedPhase,
            () => tx.phase.create({ data: { moduleId: mod.id, slug: ph.slug, ...wantedPhase } }),
            (data) => tx.phase.update({ where: { id: phaseRow!.id }, data }),
          );
          keptPhases.add(phase.id);

          const existingUnits = await tx.unit.findMany({ where: { phaseId: phase.id } });
          const keptUnits = new Set<number>();
          for (const [unitPosition, unitSlug] of ph.units.entries()) {
            const u = m.units.get(unitSlug)!;
            const d = u.data;
            const wantedUnit = {
              position: unitPosition,
              kind: KIND[d.kind],
              title: d.title,
              durationMinutes: d.duration,
              required: d.required,
              audience: AUDIENCE[d.audience],
              body: u.body,
              passMark: d.kind === "quiz" ? d.passMark : null,
              maxAttempts: d.kind === "quiz" ? d.maxAttempts : null,
              testRole: d.kind === "quiz" && d.test ? (d.test === "entry" ? "ENTRY" : "EXIT") : null,
              acceptsText: d.kind === "lab" ? d.deliverable.text : false,
              acceptsFile: d.kind === "lab" ? d.deliverable.file : false,
            } as const;
            const unitRow = existingUnits.find((e) => e.slug === unitSlug) ?? null;
            const unit = await reconcile(
              unitRow,
              wantedUnit,
              () => tx.unit.create({ data: { phaseId: phase.id, slug: unitSlug, ...wantedUnit } }),
              (data) => tx.unit.update({ where: { id: unitRow!.id }, data }),
            );
            keptUnits.add(unit.id);

            // The join table holds no history: replace it.
            await tx.unitCompetence.deleteMany({ where: { unitId: unit.id } });
            const codes = [...new Set(d.competences)];
            if (codes.length > 0) {
              await tx.unitCompetence.createMany({
                data: codes.map((c) => ({ unitId: unit.id, competenceId: competenceIds.get(c)! })),
              });
            }

            if (d.kind === "quiz") {
              const existingQuestions = await tx.question.findMany({ where: { unitId: unit.id } });
              const keptQuestions = new Set<number>();
              for (const [qPosition, q] of d.questions.entries()) {
                const options =
                  q.type === "truefalse"
                    ? [
                        { id: "vero", text: "Vero", correct: q.answer },
                        { id: "falso", text: "Falso", correct: !q.answer },
                      ]
                    : q.options;
                const wantedQ = {
                  position: qPosition,
                  type: QTYPE[q.type],
                  text: q.text,
                  options: JSON.stringify(options),
                  points: q.points,
                  feedback: q.feedback ?? null,
                  competenceId: q.competence ? competenceIds.get(q.competence)! : null,
                  level: q.level ? LEVEL[q.level] : null,
                } as const;
                const qRow = existingQuestions.find((e) => e.key === q.id) ?? null;
                const saved = await reconcile(
                  qRow,
                  wantedQ,
                  () => tx.question.create({ data: { unitId: unit.id, key: q.id, ...wantedQ } }),
                  (data) => tx.question.update({ where: { id: qRow!.id }, data }),
                );
                keptQuestions.add(saved.id);
              }
              await archive(
                tx,
                "question",
                existingQuestions.filter((e) => !e.archivedAt && !keptQuestions.has(e.id)).map((e) => e.id),
              );
            }

            if (d.kind === "survey") {
              const existingItems = await tx.surveyItem.findMany({ where: { unitId: unit.id } });
              const keptItems = new Set<number>();
              for (const [iPosition, item] of d.items.entries()) {
                const wantedItem = {
                  position: iPosition,
                  type: item.type === "likert" ? "LIKERT" : "TEXT",
                  dimension: item.dimension,
                  text: item.text,
                } as const;
                const iRow = existingItems.find((e) => e.key === item.id) ?? null;
                const saved = await reconcile(
                  iRow,
                  wantedItem,
                  () => tx.surveyItem.create({ data: { unitId: unit.id, key: item.id, ...wantedItem } }),
                  (data) => tx.surveyItem.update({ where: { id: iRow!.id }, data }),
                );
                keptItems.add(saved.id);
              }
              await archive(
                tx,
                "surveyItem",
                existingItems.filter((e) => !e.archivedAt && !keptItems.has(e.id)).map((e) => e.id),
              );
            }
          }
          await archive(
            tx,
            "unit",
            existingUnits.filter((e) => !e.archivedAt && !keptUnits.has(e.id)).map((e) => e.id),
          );
        }
        await archive(
          tx,
          "phase",
          existingPhases.filter((e) => !e.archivedAt && !keptPhases.has(e.id)).map((e) => e.id),
        );
      }
      await archive(
        tx,
        "module",
        existingModules.filter((e) => !e.archivedAt && !keptModules.has(e.id)).map((e) => e.id),
      );
      await syncFrameworks(tx, content.frameworks, summary);
      // A sync from the admin page is recorded with who asked for it, in the same transaction.
      if (actor) {
        await audit(tx, actor, {
          action: "content.sync",
          entity: "Programme",
          entityId: content.programme.slug,
          after: summary,
        });
      }
    },
    { timeout: 60_000 },
  );
  return summary;
}

/** Formats validation errors as `file › field: reason`, one per line. */
export function formatContentErrors(errors: ContentError[]): string {
  return errors.map((e) => `${e.file} › ${e.field}: ${e.reason}`).join("\n");
}
