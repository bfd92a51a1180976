/** Trainers' review of lab deliverables, scoped to the editions assigned to them. */
import { afterProgressEvent } from "~/models/learning.server";
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";

export type ReviewDecision = "ACCEPTED" | "TO_REVISE";

/**
 * Accepts a deliverable (completing its lab unit) or asks for a revision, with feedback —
 * one transaction with the audit row and the completion it changes. A submission outside
 * the trainer's editions, or already reviewed, is not found (null).
 */
export async function reviewSubmission(
  trainerUserId: number,
  submissionId: number,
  decision: ReviewDecision,
  feedback: string | null,
  meta: { requestId: string | null; now?: Date },
) {
  const now = meta.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const submission = await tx.labSubmission.findFirst({
      where: { id: submissionId, status: "SUBMITTED", edition: { trainers: { some: { userId: trainerUserId } } } },
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
      data: { status: decision, feedback, reviewedById: trainerUserId, reviewedAt: now },
    });
    await audit(tx, {
      actorId: trainerUserId,
      action: "lab.review",
      entity: "LabSubmission",
      entityId: submission.id,
      before: { status: submission.status, feedback: submission.feedback },
      after: { status: decision, feedback },
      requestId: meta.requestId,
    });
    await tx.progress.upsert({
      where: { personId_unitId: { personId: submission.personId, unitId: submission.unitId } },
      create: {
        personId: submission.personId,
        unitId: submission.unitId,
        status: decision === "ACCEPTED" ? "COMPLETED" : "IN_PROGRESS",
        startedAt: now,
        completedAt: decision === "ACCEPTED" ? now : null,
      },
      update: {
        status: decision === "ACCEPTED" ? "COMPLETED" : "IN_PROGRESS",
        completedAt: decision === "ACCEPTED" ? now : null,
      },
    });
    // The learner was active when handing in, not now: the review is the trainer's act.
    const completion = await afterProgressEvent(
      tx,
      submission.personId,
      submission.unit.phase.moduleId,
      trainerUserId,
      { ...meta, activityAt: null },
    );
    return { status: decision, moduleStatus: completion.status };
  });
}
