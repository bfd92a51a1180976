/**
 * Lab deliverables after they are handed in: the trainers' review queue and decision, and
 * the stored file for the people allowed to open it. Scoped in every query.
 */
import { editionWhere, type Actor, type EditionScope, type OwnScope } from "~/access/scope.server";
import { recordProgress } from "~/models/progress.server";
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";

export type ReviewDecision = "ACCEPTED" | "TO_REVISE";

/** Deliverables of the edition waiting for a review, oldest first. */
export async function listSubmissionsToReview({ scope }: { scope: EditionScope }) {
  const submissions = await prisma.labSubmission.findMany({
    where: { editionId: scope.editionId, edition: editionWhere(scope), status: "SUBMITTED" },
    orderBy: { submittedAt: "asc" },
    select: {
      id: true,
      version: true,
      text: true,
      fileName: true,
      submittedAt: true,
      unit: { select: { title: true } },
      person: { select: { firstName: true, lastName: true, organisation: { select: { name: true } } } },
    },
  });
  return submissions.map((s) => ({
    id: s.id,
    version: s.version,
    text: s.text,
    fileName: s.fileName,
    submittedAt: s.submittedAt.toISOString(),
    unit: s.unit.title,
    learner: `${s.person.firstName} ${s.person.lastName}`,
    organisation: s.person.organisation.name,
  }));
}

/**
 * Accepts a deliverable (completing its lab unit) or asks for a revision, with feedback —
 * one transaction with the audit row and the completion it changes. A submission outside
 * the edition in scope, or already reviewed, is not found (null).
 */
export async function reviewSubmission({
  scope,
  actor,
  submissionId,
  decision,
  feedback,
}: {
  scope: EditionScope;
  actor: Actor;
  submissionId: number;
  decision: ReviewDecision;
  feedback: string | null;
}) {
  const now = actor.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const submission = await tx.labSubmission.findFirst({
      where: { id: submissionId, status: "SUBMITTED", editionId: scope.editionId, edition: editionWhere(scope) },
      select: {
        id: true,
        personId: true,
        unitId: true,
        status: true,
        feedback: true,
        unit: { select: { phase: { select: { moduleId: true } } } },
      },
    });
    if (!submission) return null;
    await tx.labSubmission.update({
      where: { id: submission.id },
      data: { status: decision, feedback, reviewedById: actor.userId, reviewedAt: now },
    });
    await audit(tx, actor, {
      action: "lab.review",
      entity: "LabSubmission",
      entityId: submission.id,
      before: { status: submission.status, feedback: submission.feedback },
      after: { status: decision, feedback },
    });
    const accepted = decision === "ACCEPTED";
    await tx.progress.upsert({
      where: { personId_unitId: { personId: submission.personId, unitId: submission.unitId } },
      create: {
        personId: submission.personId,
        unitId: submission.unitId,
        status: accepted ? "COMPLETED" : "IN_PROGRESS",
        startedAt: now,
        completedAt: accepted ? now : null,
      },
      update: { status: accepted ? "COMPLETED" : "IN_PROGRESS", completedAt: accepted ? now : null },
    });
    // The learner was active when handing in, not now: the review is the trainer's act.
    const completion = await recordProgress(tx, {
      personId: submission.personId,
      moduleId: submission.unit.phase.moduleId,
      actor,
      activityAt: null,
    });
    return { status: decision, moduleStatus: completion.status };
  });
}

/**
 * A deliverable's stored file, for the learner who handed it in and the trainers of its
 * edition only; any other id is null.
 */
export function findSubmissionFile({ id, scope }: { id: number; scope: OwnScope }) {
  return prisma.labSubmission.findFirst({
    where: {
      id,
      fileKey: { not: null },
      OR: [{ personId: scope.personId }, { edition: editionWhere({ kind: "trainer", userId: scope.userId }) }],
    },
    select: { fileKey: true, fileName: true, fileType: true },
  });
}
