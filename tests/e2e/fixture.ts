// Browser-test fixture, run after the demo seed: two learners (one per JavaScript mode)
// enrolled in fresh editions of "comunicazione" and "fondi-europei", with a session whose
// check-in window is open now, two lessons done and the lab already accepted, so that the
// test's own steps (a lesson, the quiz, the survey, a check-in) complete the module.
import { completeLesson, submitLab } from "~/models/learning.server";
import { reviewSubmission } from "~/models/grading.server";
import { createPrismaClient } from "~/utils/db.server";
import { E2E_CHECK_IN_CODE, E2E_LEARNERS } from "./fixture-data";


const db = createPrismaClient();
const meta = { requestId: "e2e-fixture" };
const area = await db.area.findUniqueOrThrow({ where: { slug: "appennino-lombardo-alto-oltrepo-pavese" } });
const varzi = await db.organisation.findFirstOrThrow({ where: { name: "Comune di Varzi" } });
const trainer = await db.user.findUniqueOrThrow({ where: { email: "formatore@capacitas.example" } });
const now = Date.now();

async function edition(slug: string) {
  const module = await db.module.findFirstOrThrow({ where: { slug }, select: { id: true, title: true, phases: { select: { units: { where: { kind: "SEMINAR" }, select: { id: true } } } } } });
  const e = await db.edition.create({
    data: {
      code: `E2E-${slug.toUpperCase()}`,
      title: module.title,
      moduleId: module.id,
      areaId: area.id,
      startsOn: new Date(now - 86_400_000),
      endsOn: new Date(now + 30 * 86_400_000),
      status: "OPEN",
      trainers: { create: [{ userId: trainer.id }] },
    },
  });
  return { edition: e, seminarId: module.phases.flatMap((p) => p.units)[0]?.id ?? null };
}

const comunicazione = await edition("comunicazione");
await db.session.create({
  data: {
    editionId: comunicazione.edition.id,
    unitId: comunicazione.seminarId,
    title: "Seminario — Comunicazione pubblica",
    startsAt: new Date(now - 10 * 60_000),
    endsAt: new Date(now + 3 * 3600_000),
    mode: "PRESENCE",
    place: "Sala consiliare del Comune di Varzi",
    checkInCode: E2E_CHECK_IN_CODE,
  },
});
const fondi = await edition("fondi-europei");

for (const [i, email] of Object.values(E2E_LEARNERS).entries()) {
  const person = await db.person.create({
    data: { firstName: i === 0 ? "Carla" : "Nadia", lastName: i === 0 ? "Scabini" : "Tacchini", email, gender: "F", position: "EMPLOYEE", role: "Istruttore amministrativo", office: "Segreteria", organisationId: varzi.id },
  });
  const user = await db.user.create({ data: { email, personId: person.id, roles: { create: [{ role: "LEARNER" }] } } });
  await db.enrolment.createMany({ data: [{ editionId: comunicazione.edition.id, personId: person.id }, { editionId: fondi.edition.id, personId: person.id }] });
  const learner = { personId: person.id, userId: user.id, position: "EMPLOYEE" as const };
  for (const lesson of ["trasparenza-e-accesso-civico", "sito-social-e-partecipazione"]) {
    await completeLesson(learner, "comunicazione", lesson, undefined, meta);
  }
  await submitLab(learner, "comunicazione", "laboratorio-comunicazione", { text: "Piano di comunicazione del Comune di Varzi.", file: null }, meta);
  const submission = await db.labSubmission.findFirstOrThrow({ where: { personId: person.id } });
  await reviewSubmission(trainer.id, submission.id, "ACCEPTED", "Piano chiaro e realistico.", meta);
}
await db.$disconnect();
