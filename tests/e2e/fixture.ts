// Browser-test fixture, run after the demo seed: two learners (one per JavaScript mode)
// enrolled in fresh editions of "comunicazione" and "fondi-europei", with a session whose
// check-in window is open now, two lessons done and the lab already accepted, so that the
// test's own steps (a lesson, the quiz, the survey, a check-in) complete the module.
import type { Actor, EditionScope, OwnScope } from "~/access/scope.server";
import { reviewSubmission } from "~/models/grading.server";
import { completeLesson, submitLab, submitQuiz, submitSurvey } from "~/models/learner-events.server";
import { createPrismaClient } from "~/utils/db.server";
import { E2E_CHECK_IN_CODE, E2E_LEARNERS, E2E_TRAINER_EDITIONS } from "./fixture-data";

const db = createPrismaClient();
const requestId = "e2e-fixture";
const asLearner = (scope: OwnScope): { scope: OwnScope; actor: Actor } => ({
  scope,
  actor: { userId: scope.userId, roles: ["LEARNER"], requestId },
});
const asTrainer = (userId: number, editionId: number): { scope: EditionScope; actor: Actor } => ({
  scope: { kind: "edition", userId, editionId },
  actor: { userId, roles: ["TRAINER"], requestId },
});
const area = await db.area.findUniqueOrThrow({ where: { slug: "appennino-lombardo-alto-oltrepo-pavese" } });
const varzi = await db.organisation.findFirstOrThrow({ where: { name: "Comune di Varzi" } });
const trainer = await db.user.findUniqueOrThrow({ where: { email: "formatore@capacitas.example" } });
const now = Date.now();

async function edition(slug: string) {
  const module = await db.module.findFirstOrThrow({
    where: { slug },
    select: {
      id: true,
      title: true,
      phases: { select: { units: { where: { kind: "SEMINAR" }, select: { id: true } } } },
    },
  });
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
    data: {
      firstName: i === 0 ? "Carla" : "Nadia",
      lastName: i === 0 ? "Scabini" : "Tacchini",
      email,
      gender: "F",
      position: "EMPLOYEE",
      role: "Istruttore amministrativo",
      office: "Segreteria",
      organisationId: varzi.id,
    },
  });
  const user = await db.user.create({ data: { email, personId: person.id, roles: { create: [{ role: "LEARNER" }] } } });
  await db.enrolment.createMany({
    data: [
      { editionId: comunicazione.edition.id, personId: person.id },
      { editionId: fondi.edition.id, personId: person.id },
    ],
  });
  const learner = { kind: "own" as const, personId: person.id, userId: user.id, position: "EMPLOYEE" as const };
  for (const lesson of ["trasparenza-e-accesso-civico", "sito-social-e-partecipazione"]) {
    await completeLesson({ ...asLearner(learner), moduleSlug: "comunicazione", unitSlug: lesson });
  }
  await submitLab({
    ...asLearner(learner),
    moduleSlug: "comunicazione",
    unitSlug: "laboratorio-comunicazione",
    input: { text: "Piano di comunicazione del Comune di Varzi.", file: null },
  });
  const submission = await db.labSubmission.findFirstOrThrow({ where: { personId: person.id } });
  await reviewSubmission({
    ...asTrainer(trainer.id, submission.editionId!),
    submissionId: submission.id,
    decision: "ACCEPTED",
    feedback: "Piano chiaro e realistico.",
  });
}
// The trainer test: everything done in "gestione-associata" except the seminar (the
// trainer schedules it and records attendance) and the lab (the trainer accepts it).
const associata = await db.module.findFirstOrThrow({
  where: { slug: "gestione-associata" },
  select: {
    id: true,
    title: true,
    phases: {
      select: {
        units: {
          where: { archivedAt: null },
          orderBy: { position: "asc" },
          select: {
            slug: true,
            kind: true,
            audience: true,
            required: true,
            questions: { select: { key: true, options: true } },
            surveyItems: { select: { id: true, key: true, type: true } },
          },
        },
      },
    },
  },
});
for (const target of Object.values(E2E_TRAINER_EDITIONS)) {
  const e = await db.edition.create({
    data: {
      code: target.code,
      title: associata.title,
      moduleId: associata.id,
      areaId: area.id,
      startsOn: new Date(now - 86_400_000),
      endsOn: new Date(now + 30 * 86_400_000),
      status: "OPEN",
      trainers: { create: [{ userId: trainer.id }] },
    },
  });
  const [firstName, lastName] = target.name.split(" ");
  const person = await db.person.create({
    data: {
      firstName,
      lastName,
      email: target.learner,
      gender: "NOT_STATED",
      position: "EMPLOYEE",
      role: "Istruttore tecnico",
      office: "Ufficio tecnico",
      organisationId: varzi.id,
    },
  });
  const user = await db.user.create({
    data: { email: target.learner, personId: person.id, roles: { create: [{ role: "LEARNER" }] } },
  });
  await db.enrolment.create({ data: { editionId: e.id, personId: person.id } });
  const learner = { kind: "own" as const, personId: person.id, userId: user.id, position: "EMPLOYEE" as const };
  for (const unit of associata.phases.flatMap((p) => p.units)) {
    if (unit.audience === "ADMINISTRATOR") continue;
    if (unit.kind === "LESSON")
      await completeLesson({ ...asLearner(learner), moduleSlug: "gestione-associata", unitSlug: unit.slug });
    if (unit.kind === "QUIZ") {
      const answers = Object.fromEntries(
        unit.questions.map((q) => [
          q.key,
          (JSON.parse(q.options) as { id: string; correct: boolean }[]).filter((o) => o.correct).map((o) => o.id),
        ]),
      );
      await submitQuiz({
        ...asLearner(learner),
        moduleSlug: "gestione-associata",
        unitSlug: unit.slug,
        answers: answers,
      });
    }
    if (unit.kind === "SURVEY") {
      await submitSurvey({
        ...asLearner(learner),
        moduleSlug: "gestione-associata",
        unitSlug: unit.slug,
        answers: unit.surveyItems
          .filter((i) => i.type === "LIKERT")
          .map((i) => ({ itemId: i.id, value: 5, text: null })),
      });
    }
    if (unit.kind === "LAB")
      await submitLab({
        ...asLearner(learner),
        moduleSlug: "gestione-associata",
        unitSlug: unit.slug,
        input: { text: "Proposta di ufficio tecnico associato tra Varzi e i Comuni vicini.", file: null },
      });
  }
}
await db.$disconnect();
