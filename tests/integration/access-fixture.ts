/**
 * The people of the access matrix and of the fuzz test, and the records their requests
 * name: one edition with a learner (enrolled, with a certificate and a lab file), its trainer
 * and coordinator; a trainer and a coordinator of another area; an admin.
 */
import { storeUpload } from "~/utils/uploads.server";
import { prisma } from "~/utils/db.server";
import { createModuleFixture, createUserWithSession, makeRequest } from "../support";
import { createSession } from "~/utils/session.server";

export const WHO = [
  "anonymous",
  "learner",
  "trainer of the edition",
  "trainer of another edition",
  "coordinator",
  "coordinator of another area",
  "admin",
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

  const userIds: Record<Who, number | null> = {
    anonymous: null,
    learner: learner.user.id,
    "trainer of the edition": f.trainer.id,
    "trainer of another edition": other.trainer.id,
    coordinator: coordinator.user.id,
    "coordinator of another area": otherCoordinator.user.id,
    admin: admin.user.id,
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
    },
  };
}
