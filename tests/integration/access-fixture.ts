/**
 * The people of the access matrix and of the fuzz test, and the records their requests
 * name: one edition with a learner (enrolled, with a certificate and a lab file), its trainer
 * and coordinator; a trainer and a coordinator of another area; an admin. ICT phase 2: the
 * edition also runs an open assessment cycle of its area (so its trainer is the facilitator),
 * with the assessments of the learner's comune and of a neighbour, an evidence file, a need
 * and a citizen's request of the learner's comune; a referent of each of the two comuni.
 */
import { storeUpload } from "~/utils/uploads.server";
import { prisma } from "~/utils/db.server";
import { createModuleFixture, createUserWithSession, makeRequest, syncAssessmentFrameworks } from "../support";
import { createSession } from "~/utils/session.server";

export const WHO = [
  "anonymous",
  "learner",
  "trainer of the edition",
  "trainer of another edition",
  "coordinator",
  "coordinator of another area",
  "admin",
  "referent",
  "referent of another comune",
] as const;
export type Who = (typeof WHO)[number];

const PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);
const HOUR = 3600_000;

/** Creates the fixture; `params` are the route params that name its records. */
export async function createAccessFixture() {
  const now = Date.now();
  const f = await createModuleFixture({
    units: [
      { slug: "lezione", kind: "LESSON" },
      { slug: "laboratorio", kind: "LAB" },
    ],
    sessions: [{ startsAt: new Date(now - 48 * HOUR), endsAt: new Date(now - 46 * HOUR), unitSlug: "laboratorio" }],
  });
  const other = await createModuleFixture({ units: [{ slug: "lezione", kind: "LESSON" }] });
  const learner = await f.enrolLearner();
  const coordinator = await createUserWithSession(f.comune.id, [{ role: "COORDINATOR", areaId: f.area.id }], {
    position: "EXTERNAL",
  });
  const otherCoordinator = await createUserWithSession(
    other.comune.id,
    [{ role: "COORDINATOR", areaId: other.area.id }],
    { position: "EXTERNAL" },
  );
  const admin = await createUserWithSession(other.comune.id, [{ role: "ADMIN" }], { position: "EXTERNAL" });
  const cookieOf = async (userId: number) => (await createSession(userId, makeRequest("/"))).setCookie.split(";")[0];

  const key = await storeUpload(PDF, "pdf");
  const submission = await prisma.labSubmission.create({
    data: {
      personId: learner.person.id,
      unitId: f.units.laboratorio.id,
      editionId: f.edition.id,
      version: 1,
      fileKey: key,
      fileName: "consegna.pdf",
      fileType: "application/pdf",
      fileSize: PDF.length,
      submittedAt: new Date(now),
    },
  });
  const certificate = await prisma.certificate.create({
    data: { code: "MATRICE234", personId: learner.person.id, moduleId: f.module.id, attendedMinutes: 120 },
  });
  const phase2 = await createPhase2Records(f, PDF);

  const userIds: Record<Who, number | null> = {
    anonymous: null,
    learner: learner.user.id,
    "trainer of the edition": f.trainer.id,
    "trainer of another edition": other.trainer.id,
    coordinator: coordinator.user.id,
    "coordinator of another area": otherCoordinator.user.id,
    admin: admin.user.id,
    referent: phase2.referentId,
    "referent of another comune": phase2.otherReferentId,
  };
  const cookies = {} as Record<Who, string | undefined>;
  for (const who of WHO) cookies[who] = userIds[who] === null ? undefined : await cookieOf(userIds[who]);
  return {
    f,
    other,
    learner,
    cookies,
    /** A second session of the same user, for requests that end the one they carry (logout). */
    freshCookie: async (who: Who) => (userIds[who] === null ? undefined : cookieOf(userIds[who])),
    params: {
      editionId: String(f.edition.id),
      sessionId: String(f.sessions[0].id),
      personId: String(learner.person.id),
      submissionId: String(submission.id),
      certificateCode: certificate.code,
      moduleSlug: f.module.slug,
      unitSlug: "lezione",
      ...phase2.params,
    },
  };
}

/**
 * The phase-2 records: a cycle of the fixture's area on its edition (the real instrument),
 * the assessments of the fixture's comune and of a neighbour (in progress), one file of
 * evidence, a need and a received citizen's request of the fixture's comune, a referent each,
 * and a solution of the (shared) reuse catalogue.
 */
async function createPhase2Records(f: Awaited<ReturnType<typeof createModuleFixture>>, pdf: Uint8Array) {
  await syncAssessmentFrameworks();
  const framework = await prisma.assessmentFramework.findUniqueOrThrow({
    where: { code_version: { code: "capacitas-pt2024", version: "1.0.0" } },
    select: { id: true, items: { where: { code: "ORG-01" }, select: { id: true } } },
  });
  const istat = String(900000 + f.comune.id).slice(-6);
  await prisma.organisation.update({ where: { id: f.comune.id }, data: { istatCode: istat } });
  const neighbour = await prisma.organisation.create({
    data: { name: `Comune confinante ${f.comune.id}`, kind: "COMUNE", areaId: f.area.id, parentId: f.comune.parentId },
  });
  const cycle = await prisma.assessmentCycle.create({
    data: {
      areaId: f.area.id,
      editionId: f.edition.id,
      frameworkId: framework.id,
      title: "Rilevazione 2026",
      opensAt: new Date("2026-09-01"),
      closesAt: new Date("2026-12-31"),
      status: "OPEN",
      createdById: f.trainer.id,
    },
  });
  const assessment = await prisma.assessment.create({
    data: { cycleId: cycle.id, organisationId: f.comune.id, status: "IN_PROGRESS" },
  });
  await prisma.assessment.create({ data: { cycleId: cycle.id, organisationId: neighbour.id } });
  const answer = await prisma.assessmentAnswer.create({
    data: { assessmentId: assessment.id, itemId: framework.items[0].id, value: 2, source: "SELF" },
  });
  const evidence = await prisma.evidence.create({
    data: {
      answerId: answer.id,
      kind: "FILE",
      title: "Decreto di nomina del RTD",
      storageKey: await storeUpload(pdf, "pdf"),
      fileName: "nomina-rtd.pdf",
      mime: "application/pdf",
      sizeBytes: pdf.length,
      uploadedById: f.trainer.id,
    },
  });
  const need = await prisma.need.create({
    data: {
      areaId: f.area.id,
      cycleId: cycle.id,
      title: "Pagamenti pagoPA per la mensa scolastica",
      description: "Le famiglie pagano la mensa allo sportello.",
      impact: 4,
      feasibility: 3,
      sharing: 0.5,
      priority: 3.5,
      createdById: f.trainer.id,
      organisations: { create: [{ organisationId: f.comune.id }] },
      sources: { create: [{ kind: "OFFICE_INTERVIEW", note: "Intervista all'ufficio tributi" }] },
    },
  });
  const request = await prisma.citizenRequest.create({
    data: {
      organisationId: f.comune.id,
      topic: "TRIBUTI",
      text: "Vorrei pagare la mensa online.",
      receiptCode: "MATRCE2345",
    },
  });
  // The catalogue is shared (no comune or area): one solution every phase-2 reader opens.
  const solution = await prisma.solution.create({
    data: { kind: "SOFTWARE", origin: "REUSE_PA", name: "Soluzione della matrice", conformance: "VALID" },
    select: { id: true },
  });
  const referent = await createUserWithSession(f.comune.id, [{ role: "REFERENT", organisationId: f.comune.id }]);
  const otherReferent = await createUserWithSession(neighbour.id, [{ role: "REFERENT", organisationId: neighbour.id }]);
  return {
    referentId: referent.user.id,
    otherReferentId: otherReferent.user.id,
    params: {
      cycleId: String(cycle.id),
      istat,
      evidenceId: String(evidence.id),
      needId: String(need.id),
      requestId: String(request.id),
      receiptCode: request.receiptCode,
      solutionId: String(solution.id),
    },
  };
}
