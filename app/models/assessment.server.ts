/**
 * A comune's assessment (docs/phase2.md): saving a dimension, submitting, validating,
 * reopening. Every write runs in one transaction that checks the version the page was read
 * at (two people saving at once never lose an update), writes an audit row per changed
 * answer and rewrites the stored scores from a full recomputation.
 */
import { assessmentWhere, type Actor, type Phase2Scope } from "~/access/scope.server";
import { isComplete } from "~/domain/assessment-scoring";
import { isBlank, type AnswerInput } from "~/domain/assessment-form";
import { audit } from "~/utils/audit.server";
import type { AssessmentStatus } from "~/generated/prisma/client";
import { prisma, type Tx } from "~/utils/db.server";
import { computeAssessmentScores, storeAreaAggregates, storeAssessmentScores } from "./assessment-scores.server";
import { proposeSharedGapNeeds } from "./need.server";

export const CONFLICT_MESSAGE =
  "Nel frattempo qualcun altro ha modificato questo assessment: ricarica la pagina, controlla le risposte e salva di nuovo.";

export type WriteRefusal =
  | { ok: false; reason: "conflict"; message: string }
  | { ok: false; reason: "read-only"; message: string }
  | { ok: false; reason: "reason-required"; message: string }
  | { ok: false; reason: "incomplete"; message: string };

const refuse = <R extends WriteRefusal["reason"]>(reason: R, message: string) =>
  ({ ok: false, reason, message }) as const;

/** The assessment in scope, with what the write rules need; null when out of scope. */
async function findInScope(tx: Tx, scope: Phase2Scope, id: number) {
  return tx.assessment.findFirst({
    where: { AND: [{ id }, assessmentWhere(scope)] },
    select: {
      id: true,
      status: true,
      version: true,
      organisationId: true,
      cycle: { select: { id: true, status: true, frameworkId: true } },
    },
  });
}

/** The assessment for a page: the cycle, the comune, the status (null when out of scope). */
export function getAssessment({ scope, id }: { scope: Phase2Scope; id: number }) {
  return prisma.assessment.findFirst({
    where: { AND: [{ id }, assessmentWhere(scope)] },
    select: {
      id: true,
      status: true,
      version: true,
      reopenReason: true,
      maturityIndex: true,
      organisation: { select: { id: true, name: true, istatCode: true } },
      cycle: { select: { id: true, title: true, status: true, frameworkId: true } },
      scores: { select: { dimensionId: true, score: true, coverage: true, level: true, evidenceCapped: true } },
    },
  });
}

/**
 * Bumps the version if it is still the one read; false when someone else wrote first. The
 * bump comes before any other write of the transaction, so a late save writes nothing.
 */
async function claimVersion(tx: Tx, id: number, version: number, data: Record<string, unknown> = {}) {
  const { count } = await tx.assessment.updateMany({
    where: { id, version },
    data: { ...data, version: { increment: 1 } },
  });
  return count === 1;
}

/** Who writes: the comune's own referent, or a facilitator on its behalf (with a reason). */
function actingAs(scope: Phase2Scope, organisationId: number): "SELF" | "FACILITATED" {
  return scope.organisationId === organisationId ? "SELF" : "FACILITATED";
}

/** Why this assessment cannot be changed now, or null. */
function readOnlyReason(a: { status: string; cycle: { status: string } }, as: "SELF" | "FACILITATED"): string | null {
  if (a.cycle.status !== "OPEN") return "La rilevazione non è aperta: le risposte non si possono modificare.";
  if (a.status === "VALIDATED") return "L'assessment è validato: per modificarlo il facilitatore deve riaprirlo.";
  if (a.status === "SUBMITTED" && as === "SELF") {
    return "L'assessment è stato inviato: il facilitatore lo valida o lo riapre.";
  }
  return null;
}

type StoredAnswer = {
  value: number | null;
  rawNumber: number | null;
  notApplicable: boolean;
  naReason: string | null;
  note: string | null;
};

function wanted(input: AnswerInput): StoredAnswer {
  return {
    value: input.na ? null : (input.value ?? null),
    rawNumber: input.na ? null : (input.raw ?? null),
    notApplicable: Boolean(input.na),
    naReason: input.na ? (input.naReason ?? null) : null,
    note: input.note ?? null,
  };
}

const same = (a: StoredAnswer, b: StoredAnswer) =>
  a.value === b.value &&
  a.rawNumber === b.rawNumber &&
  a.notApplicable === b.notApplicable &&
  a.naReason === b.naReason &&
  a.note === b.note;

/**
 * Saves the answers of one dimension. A referent saving confirms the prefilled answers they
 * see; a facilitator's edit on behalf of the comune needs a reason, written in every audit
 * row. Null when the assessment is out of scope (404).
 */
export async function saveDimensionAnswers({
  scope,
  actor,
  id,
  dimensionCode,
  version,
  answers,
  reason,
}: {
  scope: Phase2Scope;
  actor: Actor;
  id: number;
  dimensionCode: string;
  version: number;
  answers: Record<string, AnswerInput>;
  reason?: string;
}) {
  return prisma.$transaction(async (tx) => {
    const assessment = await findInScope(tx, scope, id);
    if (!assessment) return null;
    const as = actingAs(scope, assessment.organisationId);
    const readOnly = readOnlyReason(assessment, as);
    if (readOnly) return refuse("read-only", readOnly);
    if (as === "FACILITATED" && !reason) {
      return refuse("reason-required", "Indica il motivo della modifica fatta per conto del comune.");
    }
    const started = assessment.status === "NOT_STARTED" ? { status: "IN_PROGRESS" as const } : {};
    if (!(await claimVersion(tx, id, version, started))) return refuse("conflict", CONFLICT_MESSAGE);

    const items = await tx.assessmentItem.findMany({
      where: { frameworkId: assessment.cycle.frameworkId, dimension: { code: dimensionCode } },
      select: {
        id: true,
        code: true,
        answers: {
          where: { assessmentId: id },
          select: {
            id: true,
            value: true,
            rawNumber: true,
            notApplicable: true,
            naReason: true,
            note: true,
            confirmed: true,
          },
        },
      },
    });
    let changed = 0;
    for (const item of items) {
      const input = answers[item.code] ?? {};
      const existing = item.answers[0];
      if (!existing && isBlank(input)) continue;
      const next = wanted(input);
      const confirm = as === "SELF" && existing && !existing.confirmed;
      if (existing && same(existing, next) && !confirm) continue;
      const data = {
        ...next,
        source: as,
        answeredById: actor.userId,
        facilitatedReason: as === "FACILITATED" ? reason! : null,
        ...(as === "SELF" ? { confirmed: true } : {}),
      };
      const saved = existing
        ? await tx.assessmentAnswer.update({ where: { id: existing.id }, data, select: { id: true } })
        : await tx.assessmentAnswer.create({
            data: { assessmentId: id, itemId: item.id, ...data },
            select: { id: true },
          });
      await audit(tx, actor, {
        action: as === "FACILITATED" ? "assessment.answer.facilitated" : "assessment.answer",
        entity: "AssessmentAnswer",
        entityId: saved.id,
        before: existing ? { ...pick(existing), confirmed: existing.confirmed } : null,
        after: { item: item.code, ...next, ...(as === "FACILITATED" ? { reason } : {}) },
      });
      changed++;
    }
    const scores = await storeAssessmentScores(tx, id);
    return { ok: true as const, version: version + 1, changed, scores };
  });
}

function pick(a: StoredAnswer): StoredAnswer {
  return { value: a.value, rawNumber: a.rawNumber, notApplicable: a.notApplicable, naReason: a.naReason, note: a.note };
}

/** A change of an assessment's status, at the version the page was read. */
type StatusWrite = { scope: Phase2Scope; actor: Actor; id: number; version: number };

/**
 * Moves the assessment to `to` if nobody wrote since `version`, with its audit row; false
 * on a conflict (nothing written).
 */
async function moveTo(
  tx: Tx,
  actor: Actor,
  assessment: { id: number; status: string },
  version: number,
  change: { action: string; to: AssessmentStatus; data?: Record<string, unknown>; note?: Record<string, unknown> },
) {
  if (!(await claimVersion(tx, assessment.id, version, { status: change.to, ...change.data }))) return false;
  await audit(tx, actor, {
    action: `assessment.${change.action}`,
    entity: "Assessment",
    entityId: assessment.id,
    before: { status: assessment.status },
    after: { status: change.to, ...change.note },
  });
  return true;
}

/** Sends the assessment for validation: every dimension must be at least 80 % answered. */
export async function submitAssessment({ scope, actor, id, version }: StatusWrite) {
  return prisma.$transaction(async (tx) => {
    const assessment = await findInScope(tx, scope, id);
    if (!assessment) return null;
    const readOnly = readOnlyReason(assessment, actingAs(scope, assessment.organisationId));
    if (readOnly) return refuse("read-only", readOnly);
    if (assessment.status === "SUBMITTED") return refuse("read-only", "L'assessment è già stato inviato.");
    const scores = await computeAssessmentScores(tx, id);
    const short = scores.dimensions.filter((d) => !isComplete(d.coverage)).map((d) => d.dimensionCode);
    if (short.length > 0) {
      return refuse(
        "incomplete",
        `Prima di inviare rispondi ad almeno l'80% delle domande di ogni dimensione (mancano: ${short.join(", ")}).`,
      );
    }
    const now = actor.now ?? new Date();
    const data = { submittedAt: now, submittedById: actor.userId };
    if (!(await moveTo(tx, actor, assessment, version, { action: "submit", to: "SUBMITTED", data }))) {
      return refuse("conflict", CONFLICT_MESSAGE);
    }
    return { ok: true as const, version: version + 1 };
  });
}

/** The facilitator validates a submitted assessment: it becomes read-only and counts in the area. */
export async function validateAssessment({ scope, actor, id, version }: StatusWrite) {
  return prisma.$transaction(async (tx) => {
    const assessment = await findInScope(tx, scope, id);
    if (!assessment) return null;
    if (assessment.status !== "SUBMITTED") {
      return refuse("read-only", "Si valida solo un assessment inviato dal comune.");
    }
    const now = actor.now ?? new Date();
    const data = { validatedAt: now, validatedById: actor.userId, reopenReason: null };
    if (!(await moveTo(tx, actor, assessment, version, { action: "validate", to: "VALIDATED", data }))) {
      return refuse("conflict", CONFLICT_MESSAGE);
    }
    await storeAreaAggregates(tx, assessment.cycle.id);
    const gaps = await proposeSharedGapNeeds(tx, { cycleId: assessment.cycle.id, actor });
    return { ok: true as const, version: version + 1, gaps };
  });
}

/** The facilitator reopens a submitted or validated assessment, saying why. */
export async function reopenAssessment({ scope, actor, id, version, reason }: StatusWrite & { reason: string }) {
  return prisma.$transaction(async (tx) => {
    const assessment = await findInScope(tx, scope, id);
    if (!assessment) return null;
    if (assessment.status !== "SUBMITTED" && assessment.status !== "VALIDATED") {
      return refuse("read-only", "Si riapre solo un assessment inviato o validato.");
    }
    if (!reason.trim()) return refuse("reason-required", "Indica il motivo della riapertura.");
    const data = { reopenReason: reason.trim(), validatedAt: null, validatedById: null };
    const note = { reason: reason.trim() };
    if (!(await moveTo(tx, actor, assessment, version, { action: "reopen", to: "REOPENED", data, note }))) {
      return refuse("conflict", CONFLICT_MESSAGE);
    }
    if (assessment.status === "VALIDATED") await storeAreaAggregates(tx, assessment.cycle.id);
    return { ok: true as const, version: version + 1 };
  });
}

export type EvidenceInput =
  | { kind: "LINK"; title: string; url: string }
  | { kind: "ACT"; title: string; actNumber: string; actDate: Date }
  | { kind: "TEXT"; title: string; text: string }
  | {
      kind: "FILE";
      title: string;
      file: { storageKey: string; fileName: string; sha256: string; mime: string; sizeBytes: number };
    };

/**
 * Attaches evidence to an item's answer (creating an empty answer if the item has none yet)
 * and rewrites the scores: evidence lifts the cap. The same read-only rules as a save; it
 * overwrites no answer, so it needs no version. Null when out of scope or not an item of
 * the assessment's framework.
 */
export async function addEvidence({
  scope,
  actor,
  id,
  itemCode,
  evidence,
}: {
  scope: Phase2Scope;
  actor: Actor;
  id: number;
  itemCode: string;
  evidence: EvidenceInput;
}) {
  return prisma.$transaction(async (tx) => {
    const assessment = await findInScope(tx, scope, id);
    if (!assessment) return null;
    const readOnly = readOnlyReason(assessment, actingAs(scope, assessment.organisationId));
    if (readOnly) return refuse("read-only", readOnly);
    const item = await tx.assessmentItem.findUnique({
      where: { frameworkId_code: { frameworkId: assessment.cycle.frameworkId, code: itemCode } },
      select: { id: true },
    });
    if (!item) return null;
    const answer = await tx.assessmentAnswer.upsert({
      where: { assessmentId_itemId: { assessmentId: id, itemId: item.id } },
      create: { assessmentId: id, itemId: item.id, answeredById: actor.userId },
      update: {},
      select: { id: true },
    });
    const data = {
      answerId: answer.id,
      kind: evidence.kind,
      title: evidence.title,
      uploadedById: actor.userId ?? 0,
      ...(evidence.kind === "LINK" ? { url: evidence.url } : {}),
      ...(evidence.kind === "ACT" ? { actNumber: evidence.actNumber, actDate: evidence.actDate } : {}),
      ...(evidence.kind === "TEXT" ? { text: evidence.text } : {}),
      ...(evidence.kind === "FILE" ? evidence.file : {}),
    };
    const saved = await tx.evidence.create({ data, select: { id: true } });
    await audit(tx, actor, {
      action: "assessment.evidence.add",
      entity: "Evidence",
      entityId: saved.id,
      after: { item: itemCode, ...data },
    });
    const scores = await storeAssessmentScores(tx, id);
    return { ok: true as const, evidenceId: saved.id, scores };
  });
}

/** Removes a piece of evidence (the score may fall back under the cap). Returns the stored file to delete, if any. */
export async function removeEvidence({
  scope,
  actor,
  evidenceId,
}: {
  scope: Phase2Scope;
  actor: Actor;
  evidenceId: number;
}) {
  return prisma.$transaction(async (tx) => {
    const evidence = await tx.evidence.findFirst({
      where: { id: evidenceId, answer: { assessment: assessmentWhere(scope) } },
      select: { id: true, kind: true, title: true, storageKey: true, answer: { select: { assessmentId: true } } },
    });
    if (!evidence) return null;
    const assessment = (await findInScope(tx, scope, evidence.answer.assessmentId))!;
    const readOnly = readOnlyReason(assessment, actingAs(scope, assessment.organisationId));
    if (readOnly) return refuse("read-only", readOnly);
    await tx.evidence.delete({ where: { id: evidenceId } });
    await audit(tx, actor, {
      action: "assessment.evidence.remove",
      entity: "Evidence",
      entityId: evidenceId,
      before: { kind: evidence.kind, title: evidence.title },
    });
    await storeAssessmentScores(tx, assessment.id);
    return { ok: true as const, storageKey: evidence.storageKey };
  });
}

/**
 * At restitution the comune confirms its 3–5 priorities (items of the framework, usually
 * among those proposed). Only on a validated assessment: the priorities rest on validated
 * scores. Null when out of scope; a refusal when not validated or an item is not of the framework.
 */
export async function confirmPriorities({
  scope,
  actor,
  id,
  itemCodes,
}: {
  scope: Phase2Scope;
  actor: Actor;
  id: number;
  itemCodes: string[];
}) {
  return prisma.$transaction(async (tx) => {
    const assessment = await findInScope(tx, scope, id);
    if (!assessment) return null;
    if (assessment.status !== "VALIDATED") {
      return refuse("read-only", "Le priorità si confermano sull'assessment validato.");
    }
    const known = await tx.assessmentItem.count({
      where: { frameworkId: assessment.cycle.frameworkId, code: { in: itemCodes } },
    });
    if (known !== new Set(itemCodes).size)
      return refuse("incomplete", "Scegli le priorità tra le domande dello strumento.");
    const now = actor.now ?? new Date();
    const before = await tx.assessment.findUniqueOrThrow({ where: { id }, select: { confirmedPriorities: true } });
    await tx.assessment.update({
      where: { id },
      data: { confirmedPriorities: JSON.stringify(itemCodes), prioritiesConfirmedAt: now },
    });
    await audit(tx, actor, {
      action: "assessment.priorities.confirm",
      entity: "Assessment",
      entityId: id,
      before: { priorities: before.confirmedPriorities ? JSON.parse(before.confirmedPriorities) : null },
      after: { priorities: itemCodes },
    });
    return { ok: true as const };
  });
}
