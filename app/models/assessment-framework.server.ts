/**
 * The assessment instrument as content (docs/assessment-format.md): `content/assessment/*.yml`
 * → AssessmentFramework, its dimensions and items, inside the content sync's transaction.
 * A version a cycle uses is frozen: changing its file without a new version is refused, so
 * answers given under it are never rewritten. An unused version follows its file. A
 * framework whose file is gone is deactivated, never deleted.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { AssessmentFrameworkContent, ContentProblem } from "~/domain/assessment-content-schema";
import { parseAssessmentFramework } from "~/utils/assessment-content.server";
import type { PrismaClient, Tx } from "~/utils/db.server";

export type LoadedFramework = { file: string; hash: string; data: AssessmentFrameworkContent };

/** Reads and checks every framework file of `dir/assessment/` (none is fine). */
export async function loadFrameworks(
  dir: string,
  rel: (file: string) => string,
): Promise<{ frameworks: LoadedFramework[]; errors: ContentProblem[] }> {
  const folder = path.join(dir, "assessment");
  let names: string[];
  try {
    names = (await readdir(folder)).filter((n) => n.endsWith(".yml")).sort();
  } catch {
    return { frameworks: [], errors: [] };
  }
  const frameworks: LoadedFramework[] = [];
  const errors: ContentProblem[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = rel(path.join(folder, name));
    const text = await readFile(path.join(folder, name), "utf8");
    const parsed = parseAssessmentFramework(text, file);
    if (!parsed.ok) {
      errors.push(...parsed.problems);
      continue;
    }
    const key = `${parsed.framework.code}@${parsed.framework.version}`;
    if (seen.has(key)) {
      errors.push({ file, field: "version", reason: `la versione ${key} è già in ${seen.get(key)}` });
      continue;
    }
    seen.set(key, file);
    frameworks.push({ file, hash: createHash("sha256").update(text).digest("hex"), data: parsed.framework });
  }
  return { frameworks, errors };
}

/** Versions a cycle uses whose file has changed: the sync refuses them (and writes nothing). */
export async function frozenFrameworkChanges(
  db: PrismaClient | Tx,
  frameworks: LoadedFramework[],
): Promise<ContentProblem[]> {
  const problems: ContentProblem[] = [];
  for (const f of frameworks) {
    const row = await db.assessmentFramework.findUnique({
      where: { code_version: { code: f.data.code, version: f.data.version } },
      select: { contentHash: true, _count: { select: { cycles: true } } },
    });
    if (row && row.contentHash !== f.hash && row._count.cycles > 0) {
      problems.push({
        file: f.file,
        field: "version",
        reason: `la versione ${f.data.version} è già usata da una rilevazione e non può cambiare: pubblica le modifiche come nuova versione (nuovo file)`,
      });
    }
  }
  return problems;
}

type Counts = { created: number; updated: number; archived: number; unchanged: number };

const json = (value: unknown) => JSON.stringify(value);

/** The rows of one framework version, as stored. */
function frameworkRows(data: AssessmentFrameworkContent, hash: string) {
  return {
    framework: {
      code: data.code,
      version: data.version,
      title: data.title,
      sourceNote: data.sourceNote,
      levels: json(data.levels),
      contentHash: hash,
      active: true,
    },
    dimensions: data.dimensions.map((d) => ({
      dimension: { code: d.code, title: d.title, ptChapter: d.ptChapter, order: d.order, weight: d.weight },
      items: d.items.map((i) => ({
        code: i.code,
        order: i.order,
        kind: i.kind,
        question: i.question,
        help: i.help ?? null,
        levelDescriptors: json(i.levelDescriptors),
        thresholds: i.thresholds ? json(i.thresholds) : null,
        evidenceRequiredFrom: i.evidenceRequiredFrom,
        evidenceHint: i.evidenceHint ?? null,
        references: json(i.references),
        legalObligation: i.legalObligation,
        deadline: i.deadline ?? null,
        appliesTo: json(i.appliesTo),
        minPopulation: i.minPopulation ?? null,
        maxPopulation: i.maxPopulation ?? null,
        weight: i.weight,
        critical: i.critical,
        target: i.target,
        extraFields: i.extraFields.length ? json(i.extraFields) : null,
        prefill: i.prefill ? json(i.prefill) : null,
      })),
    })),
  };
}

/**
 * Writes the frameworks in the caller's transaction: a new version is created, an unchanged
 * one is left alone, an unused changed one is rewritten, one whose file is gone is
 * deactivated. `frozenFrameworkChanges` must have been checked first.
 */
export async function syncFrameworks(tx: Tx, frameworks: LoadedFramework[], counts: Counts) {
  const kept = new Set<number>();
  for (const f of frameworks) {
    const rows = frameworkRows(f.data, f.hash);
    const existing = await tx.assessmentFramework.findUnique({
      where: { code_version: { code: f.data.code, version: f.data.version } },
      select: { id: true, contentHash: true, active: true },
    });
    if (existing && existing.contentHash === f.hash && existing.active) {
      counts.unchanged++;
      kept.add(existing.id);
      continue;
    }
    let frameworkId: number;
    if (existing) {
      // Unused (checked before the transaction): its dimensions and items follow the file.
      await tx.assessmentItem.deleteMany({ where: { frameworkId: existing.id } });
      await tx.assessmentDimension.deleteMany({ where: { frameworkId: existing.id } });
      await tx.assessmentFramework.update({ where: { id: existing.id }, data: rows.framework });
      frameworkId = existing.id;
      counts.updated++;
    } else {
      frameworkId = (await tx.assessmentFramework.create({ data: rows.framework, select: { id: true } })).id;
      counts.created++;
    }
    kept.add(frameworkId);
    for (const d of rows.dimensions) {
      const { id: dimensionId } = await tx.assessmentDimension.create({
        data: { frameworkId, ...d.dimension },
        select: { id: true },
      });
      await tx.assessmentItem.createMany({ data: d.items.map((i) => ({ frameworkId, dimensionId, ...i })) });
    }
  }
  const { count } = await tx.assessmentFramework.updateMany({
    where: { id: { notIn: [...kept] }, active: true },
    data: { active: false },
  });
  counts.archived += count;
}
