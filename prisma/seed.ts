/**
 * Demo data (npm run db:seed; npm start runs it with --if-empty on an empty database).
 * Deterministic: one seeded random generator and dates relative to SEED_TODAY (default:
 * today), so tests and screenshots are stable. Demo accounts exist only here.
 */
import path from "node:path";
import { faker } from "@faker-js/faker";
import type { Gender, Position } from "~/generated/prisma/client";
import { formatContentErrors, loadContent, syncContent } from "~/models/content.server";
import { importFundedMeasures } from "~/models/funded-measures.server";
import { recordProgress } from "~/models/progress.server";
import { createPrismaClient, preparePragmas } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./seed-data/demo-accounts";
import { ADMINISTRATOR_ROLES, MEN, OFFICES, SURNAMES, WOMEN } from "./seed-data/names";
import { readPad26Files } from "./seed-data/padigitale2026";
import { seedCatalogue } from "./seed-catalogue";
import { seedPhase2 } from "./seed-phase2";
import { comuneIpaCode, OLTREPO_AREA, OLTREPO_COMUNI, OTHER_AREAS, slugify } from "./seed-data/territory";

const DAY = 24 * 3600 * 1000;

function seedToday(): Date {
  const raw = process.env.SEED_TODAY;
  const d = raw ? new Date(`${raw}T00:00:00Z`) : new Date();
  if (Number.isNaN(d.getTime())) throw new Error(`SEED_TODAY non valida: ${raw}`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export async function seed(options: { ifEmpty?: boolean } = {}) {
  const db = createPrismaClient();
  await preparePragmas(db);
  try {
    if (options.ifEmpty && (await db.person.count()) > 0) {
      console.log("Database già popolato: seed saltato.");
      return;
    }
    faker.seed(20261126);
    const today = seedToday();
    const at = (days: number, hour = 0, minute = 0) =>
      new Date(today.getTime() + days * DAY + (hour * 60 + minute) * 60_000);
    // Municipal offices meet on weekdays: a Saturday or Sunday moves to Monday.
    const onWorkday = (days: number) => {
      const weekday = at(days).getUTCDay();
      return days + (weekday === 6 ? 2 : weekday === 0 ? 1 : 0);
    };

    // Content first: the programme the demo runs.
    const loaded = await loadContent(path.resolve("content"));
    if (!loaded.ok) throw new Error(`Contenuti non validi:\n${formatContentErrors(loaded.errors)}`);
    await syncContent(db, loaded.content);

    // Territory
    const oltrepo = await db.area.create({ data: OLTREPO_AREA });
    const cm = await db.organisation.create({
      data: { name: "Comunità Montana dell'Oltrepò Pavese", kind: "COMUNITA_MONTANA", areaId: oltrepo.id },
    });
    const comuni = [];
    for (const c of OLTREPO_COMUNI) {
      comuni.push(
        await db.organisation.create({
          data: {
            name: `Comune di ${c.name}`,
            kind: "COMUNE",
            istatCode: c.istatCode,
            ipaCode: comuneIpaCode(c.cadastralCode),
            areaId: oltrepo.id,
            parentId: cm.id,
          },
        }),
      );
    }
    const agency = await db.organisation.create({
      data: { name: "Agenzia formativa del programma", kind: "OTHER", areaId: oltrepo.id },
    });
    await db.organisation.create({ data: { name: "Regione Lombardia", kind: "OTHER", areaId: oltrepo.id } });
    const otherAreas = [];
    for (const a of OTHER_AREAS) {
      const area = await db.area.create({ data: { slug: a.slug, name: a.name, region: a.region } });
      const community = await db.organisation.create({
        data: { name: a.community, kind: "COMUNITA_MONTANA", areaId: area.id },
      });
      const list = [];
      for (const name of a.comuni) {
        list.push(
          await db.organisation.create({
            data: { name: `Comune di ${name}`, kind: "COMUNE", areaId: area.id, parentId: community.id },
          }),
        );
      }
      otherAreas.push({ area, community, comuni: list });
    }

    // PA digitale 2026 funded applications of the Oltrepò comuni (real open data, CC BY 4.0),
    // linked by IPA code: what prefills PIAT-08. Schools and unioni stay unlinked.
    const funded = await importFundedMeasures({
      actor: { userId: null, roles: [], requestId: null, now: today },
      files: readPad26Files(),
      db,
    });
    if (!funded.ok) throw new Error(`Dati PA digitale 2026 non validi: ${JSON.stringify(funded.errors)}`);

    // People
    const usedEmails = new Set<string>();
    function makePerson(
      position: Position,
      organisationId: number,
      domain: string,
      fixed?: { firstName: string; lastName: string; gender: "F" | "M" },
    ) {
      const gender = fixed?.gender ?? (faker.number.float() < 0.54 ? "F" : "M");
      const firstName = fixed?.firstName ?? faker.helpers.arrayElement(gender === "F" ? WOMEN : MEN);
      const lastName = fixed?.lastName ?? faker.helpers.arrayElement(SURNAMES);
      let email = `${slugify(firstName)}.${slugify(lastName)}@${domain}`.replace(/-/g, "");
      for (let i = 2; usedEmails.has(email); i++)
        email = `${slugify(firstName)}.${slugify(lastName)}${i}@${domain}`.replace(/-/g, "");
      usedEmails.add(email);
      const r = faker.number.float();
      const statedGender: Gender = r < 0.01 ? "NON_BINARY" : r < 0.03 ? "NOT_STATED" : gender;
      const education = faker.helpers.weightedArrayElement([
        { weight: 12, value: "ISCED_0_2" as const },
        { weight: 48, value: "ISCED_3_4" as const },
        { weight: 37, value: "ISCED_5_8" as const },
        { weight: 3, value: "NOT_STATED" as const },
      ]);
      return {
        firstName,
        lastName,
        email,
        gender: statedGender,
        birthYear: faker.number.int({ min: position === "ADMINISTRATOR" ? 1950 : 1962, max: 2001 }),
        educationLevel: education,
        position,
        organisationId,
      };
    }

    type Learner = { id: number; position: Position; organisationId: number };
    const learners: Learner[] = [];
    for (const comune of comuni) {
      const domain = `comune.${slugify(comune.name.replace("Comune di ", ""))}.pv.it`;
      const admins = faker.number.int({ min: 2, max: 3 });
      for (let i = 0; i < admins; i++) {
        const data = makePerson("ADMINISTRATOR", comune.id, domain);
        // Zavattarello's mayor is the demo account created below.
        const mayor = i === 0 && comune.name !== "Comune di Zavattarello";
        const p = await db.person.create({
          data: { ...data, role: mayor ? "Sindaco" : faker.helpers.arrayElement(ADMINISTRATOR_ROLES.slice(1)) },
        });
        learners.push({ id: p.id, position: p.position, organisationId: comune.id });
      }
      const employees = faker.number.int({ min: 5, max: 8 });
      for (let i = 0; i < employees; i++) {
        const job = OFFICES[i % OFFICES.length];
        const p = await db.person.create({
          data: { ...makePerson("EMPLOYEE", comune.id, domain), role: job.role, office: job.office },
        });
        learners.push({ id: p.id, position: p.position, organisationId: comune.id });
      }
    }
    for (const job of OFFICES.slice(0, 6)) {
      const p = await db.person.create({
        data: { ...makePerson("EMPLOYEE", cm.id, "cmoltrepo.it"), role: job.role, office: job.office },
      });
      learners.push({ id: p.id, position: p.position, organisationId: cm.id });
    }

    // Demo accounts: one shared hash, computed once (argon2id is deliberately slow).
    const demoHash = await hashPassword(DEMO_PASSWORD);
    async function account(
      personId: number,
      email: string,
      roles: { role: "LEARNER" | "TRAINER" | "COORDINATOR" | "ADMIN"; areaId?: number }[],
    ) {
      return db.user.create({
        data: {
          email,
          personId,
          passwordHash: demoHash,
          passwordSetAt: at(-90),
          roles: { create: roles.map((r) => ({ role: r.role, areaId: r.areaId ?? null })) },
        },
      });
    }
    const named = async (
      firstName: string,
      lastName: string,
      gender: "F" | "M",
      position: Position,
      organisationId: number,
      extra: { role?: string; office?: string } = {},
    ) =>
      db.person.create({
        data: {
          ...makePerson(position, organisationId, "capacitas.example", { firstName, lastName, gender }),
          email: null,
          ...extra,
        },
      });

    const adminPerson = await named("Marco", "Bellini", "M", "EXTERNAL", agency.id, {
      role: "Amministratore di sistema",
    });
    await account(adminPerson.id, DEMO_ACCOUNTS.admin, [{ role: "ADMIN" }]);
    const coordPerson = await named("Elena", "Rossetti", "F", "EMPLOYEE", cm.id, {
      role: "Coordinatrice del programma",
      office: "Servizi associati",
    });
    await account(coordPerson.id, DEMO_ACCOUNTS.coordinator, [{ role: "COORDINATOR", areaId: oltrepo.id }]);
    const coordOther = await named("Andrea", "Pedrazzini", "M", "EXTERNAL", otherAreas[0].community.id, {
      role: "Coordinatore d'area",
    });
    await account(coordOther.id, DEMO_ACCOUNTS.coordinatorOther, [
      { role: "COORDINATOR", areaId: otherAreas[0].area.id },
    ]);
    const trainerPerson = await named("Luca", "Moretti", "M", "EXTERNAL", agency.id, { role: "Formatore" });
    const trainer = await account(trainerPerson.id, DEMO_ACCOUNTS.trainer, [{ role: "TRAINER" }]);
    const trainer2Person = await named("Chiara", "Galli", "F", "EXTERNAL", agency.id, { role: "Formatrice" });
    const trainer2 = await account(trainer2Person.id, DEMO_ACCOUNTS.trainerOther, [{ role: "TRAINER" }]);

    const varzi = comuni.find((c) => c.name === "Comune di Varzi")!;
    const zavattarello = comuni.find((c) => c.name === "Comune di Zavattarello")!;
    const demoLearner = await named("Giulia", "Ferrari", "F", "EMPLOYEE", varzi.id, {
      role: "Ufficiale d'anagrafe",
      office: "Anagrafe e stato civile",
    });
    await account(demoLearner.id, DEMO_ACCOUNTS.learner, [{ role: "LEARNER" }]);
    const demoMayor = await named("Giovanni", "Malaspina", "M", "ADMINISTRATOR", zavattarello.id, { role: "Sindaco" });
    await account(demoMayor.id, DEMO_ACCOUNTS.administrator, [{ role: "LEARNER" }]);
    learners.unshift(
      { id: demoLearner.id, position: "EMPLOYEE", organisationId: varzi.id },
      { id: demoMayor.id, position: "ADMINISTRATOR", organisationId: zavattarello.id },
    );

    // Most learners have an account (same demo hash); the rest are records only.
    for (const l of learners.slice(2)) {
      if (faker.number.float() < 0.7) {
        const p = await db.person.findUniqueOrThrow({ where: { id: l.id }, select: { email: true } });
        await account(l.id, p.email!, [{ role: "LEARNER" }]);
      }
    }

    // Editions: one per module (the ICT module: one per phase, two teams) in the Oltrepò area.
    const modules = await db.module.findMany({
      where: { archivedAt: null },
      orderBy: { position: "asc" },
      select: {
        id: true,
        slug: true,
        title: true,
        phases: {
          where: { archivedAt: null },
          orderBy: { position: "asc" },
          select: {
            id: true,
            slug: true,
            units: {
              where: { archivedAt: null },
              orderBy: { position: "asc" },
              select: {
                id: true,
                kind: true,
                required: true,
                audience: true,
                durationMinutes: true,
                testRole: true,
                questions: { select: { competenceId: true, points: true } },
                surveyItems: { select: { id: true, type: true } },
              },
            },
          },
        },
      },
    });
    const abbreviations: Record<string, string> = {
      "fondi-europei": "FEU",
      pnrr: "PNRR",
      appalti: "APP",
      "gestione-associata": "GAS",
      "sviluppo-locale": "SVL",
      ict: "ICT",
      comunicazione: "COM",
    };
    const places = [
      "Sala riunioni della Comunità Montana, Varzi",
      "Sala consiliare del Comune di Godiasco Salice Terme",
      "Biblioteca civica di Zavattarello",
      "Sala polifunzionale del Comune di Ponte Nizza",
    ];
    type EditionInfo = {
      id: number;
      moduleId: number;
      phaseId: number | null;
      startsOn: Date;
      past: boolean;
      sessionIds: { id: number; startsAt: Date; endsAt: Date; unitId: number | null }[];
    };
    const editions: EditionInfo[] = [];
    let editionIndex = 0;
    for (const m of modules) {
      const targets =
        m.slug === "ict"
          ? m.phases.map((p) => ({ phase: p, suffix: `-F${p === m.phases[0] ? 1 : 2}` }))
          : [{ phase: null, suffix: "" }];
      for (const target of targets) {
        // The first two editions are over (certificates issued); the others are running.
        const past = editionIndex < 2;
        const offset = past ? -90 + editionIndex * 10 : (editionIndex % 4) * 7 - 10;
        const start = at(-60 + offset);
        const edition = await db.edition.create({
          data: {
            code: `OLT-${abbreviations[m.slug] ?? m.slug.toUpperCase()}${target.suffix}-2026`,
            title: target.phase ? `${m.title} — fase ${target.suffix.slice(2)}` : m.title,
            moduleId: m.id,
            phaseId: target.phase?.id ?? null,
            areaId: oltrepo.id,
            startsOn: start,
            endsOn: at(50 + offset),
            status: past ? "CLOSED" : "OPEN",
            trainers: {
              create: [
                {
                  userId:
                    editionIndex % 3 === 0 || (m.slug === "ict" && target.suffix === "-F1") ? trainer.id : trainer2.id,
                },
              ],
            },
          },
        });
        const phases = target.phase ? [target.phase] : m.phases;
        const scheduledUnits = phases.flatMap((p) => p.units).filter((u) => u.kind === "SEMINAR" || u.kind === "LAB");
        const sessionDays = past
          ? [-40 + offset, -30 + offset, -20 + offset, -10 + offset]
          : [-40 + offset, -18 + offset, 12 + offset, 33 + offset];
        const info: EditionInfo = {
          id: edition.id,
          moduleId: m.id,
          phaseId: target.phase?.id ?? null,
          startsOn: start,
          past,
          sessionIds: [],
        };
        for (const [i, day] of sessionDays.entries()) {
          const unit = scheduledUnits[i % Math.max(1, scheduledUnits.length)] ?? null;
          const mode = (["PRESENCE", "ONLINE", "HYBRID", "PRESENCE"] as const)[(i + editionIndex) % 4];
          // 09:30–13:00 in Rome (UTC+1 in winter, +2 in summer): close enough for demo data.
          const workday = onWorkday(day);
          const startsAt = at(workday, 8, 30);
          const endsAt = at(workday, 12, 0);
          const s = await db.session.create({
            data: {
              editionId: edition.id,
              unitId: unit?.id ?? null,
              title: `${unit?.kind === "LAB" ? "Laboratorio" : "Seminario"} ${i + 1} — ${m.title}`,
              startsAt,
              endsAt,
              mode,
              place: mode === "ONLINE" ? null : places[(i + editionIndex) % places.length],
              link: mode === "PRESENCE" ? null : `https://meet.jit.si/capacitas-${edition.code.toLowerCase()}-${i + 1}`,
              checkInCode: faker.string.alphanumeric({ length: 6, casing: "upper", exclude: ["0", "O", "1", "I"] }),
            },
          });
          info.sessionIds.push({ id: s.id, startsAt, endsAt, unitId: unit?.id ?? null });
        }
        editions.push(info);
        editionIndex++;
      }
    }

    // A small edition in Valchiavenna, so that coordinators' scopes have something to hide.
    const feu = modules.find((m) => m.slug === "fondi-europei")!;
    const valchiavenna = otherAreas[0];
    const vcEdition = await db.edition.create({
      data: {
        code: "VCH-FEU-2026",
        title: feu.title,
        moduleId: feu.id,
        areaId: valchiavenna.area.id,
        startsOn: at(-20),
        endsOn: at(70),
        status: "OPEN",
        trainers: { create: [{ userId: trainer2.id }] },
      },
    });
    await db.session.create({
      data: {
        editionId: vcEdition.id,
        title: "Seminario 1 — Fondi europei",
        startsAt: at(onWorkday(15), 8, 30),
        endsAt: at(onWorkday(15), 12),
        mode: "PRESENCE",
        place: "Sala conferenze della Comunità Montana, Chiavenna",
        checkInCode: "VCH123",
      },
    });
    for (const comune of valchiavenna.comuni) {
      for (let i = 0; i < 3; i++) {
        const job = OFFICES[i];
        const p = await db.person.create({
          data: {
            ...makePerson("EMPLOYEE", comune.id, `comune.${slugify(comune.name.replace("Comune di ", ""))}.so.it`),
            role: job.role,
            office: job.office,
          },
        });
        await db.enrolment.create({ data: { editionId: vcEdition.id, personId: p.id, enrolledAt: at(-20) } });
      }
    }
    for (const other of otherAreas.slice(1)) {
      for (const comune of other.comuni) {
        await db.person.create({
          data: {
            ...makePerson("EMPLOYEE", comune.id, `comune.${slugify(comune.name.replace("Comune di ", ""))}.it`),
            role: OFFICES[4].role,
            office: OFFICES[4].office,
          },
        });
      }
    }

    // Enrolments, attendance and progress in the Oltrepò area.
    const now = new Date();
    for (const [index, learner] of learners.entries()) {
      const diligence = index < 2 ? 0.97 : faker.number.float({ min: 0.2, max: 1 });
      const wanted =
        index < 2
          ? modules.map((m) => m.id)
          : faker.helpers.arrayElements(
              modules.map((m) => m.id),
              { min: 2, max: 5 },
            );
      await db.$transaction(
        async (tx) => {
          for (const moduleId of wanted) {
            const module = modules.find((m) => m.id === moduleId)!;
            const moduleEditions = editions.filter((e) => e.moduleId === moduleId);
            const lateJoiner = index >= 2 && faker.number.float() < 0.08;
            for (const e of moduleEditions) {
              const enrolledAt = lateJoiner
                ? new Date(e.sessionIds[0].endsAt.getTime() + DAY)
                : new Date(e.startsOn.getTime() - 5 * DAY);
              await tx.enrolment.create({ data: { editionId: e.id, personId: learner.id, enrolledAt } });
              for (const s of e.sessionIds.filter((x) => x.endsAt < now)) {
                if (s.endsAt < enrolledAt) {
                  await tx.attendance.create({
                    data: { sessionId: s.id, personId: learner.id, status: "NOT_EXPECTED", minutes: 0 },
                  });
                  continue;
                }
                const r = faker.number.float();
                const status = r < 0.55 + diligence * 0.4 ? "PRESENT" : r < 0.97 ? "ABSENT" : "JUSTIFIED";
                const full = Math.round((s.endsAt.getTime() - s.startsAt.getTime()) / 60_000);
                await tx.attendance.create({
                  data: {
                    sessionId: s.id,
                    personId: learner.id,
                    status,
                    minutes: status === "PRESENT" ? full - faker.helpers.arrayElement([0, 0, 0, 15, 30]) : 0,
                    mode: status === "PRESENT" ? "PRESENCE" : null,
                    recordedById: trainer.id,
                  },
                });
                if (status === "PRESENT" && s.unitId) {
                  await tx.progress.upsert({
                    where: { personId_unitId: { personId: learner.id, unitId: s.unitId } },
                    create: {
                      personId: learner.id,
                      unitId: s.unitId,
                      status: "COMPLETED",
                      startedAt: s.startsAt,
                      completedAt: s.endsAt,
                    },
                    update: {},
                  });
                }
              }
            }
            // Self-paced units, in order, until the learner's diligence runs out.
            // Finished editions: most people got to the end.
            const effort = moduleEditions.some((e) => e.past) ? Math.max(diligence, 0.9) : diligence;
            const units = module.phases
              .filter((p) => moduleEditions.some((e) => e.phaseId === null || e.phaseId === p.id))
              .flatMap((p) => p.units)
              .filter((u) => u.audience === "ALL" || u.audience === learner.position);
            for (const u of units) {
              if (u.kind === "SEMINAR") continue;
              if (faker.number.float() > effort) break;
              const when = at(-faker.number.int({ min: 2, max: 50 }), faker.number.int({ min: 7, max: 17 }));
              if (u.kind === "QUIZ") {
                // Entry and exit tests score each competence; exit scores run higher, as they should.
                const competences = new Map<number, number>();
                for (const q of u.questions)
                  if (q.competenceId)
                    competences.set(q.competenceId, (competences.get(q.competenceId) ?? 0) + q.points);
                const scores = [...competences.entries()].map(([competenceId, maxScore]) => {
                  const ratio =
                    u.testRole === "EXIT"
                      ? faker.number.float({ min: 0.4, max: 1 })
                      : faker.number.float({ min: 0.1, max: 0.8 });
                  const score = Math.round(ratio * maxScore);
                  const r = score / maxScore;
                  const level =
                    r < 0.34
                      ? null
                      : r < 0.6
                        ? ("BASE" as const)
                        : r < 0.9
                          ? ("INTERMEDIO" as const)
                          : ("AVANZATO" as const);
                  return { competenceId, score, maxScore, level };
                });
                const score = scores.length
                  ? Math.round(
                      (100 * scores.reduce((a, c) => a + c.score, 0)) / scores.reduce((a, c) => a + c.maxScore, 0),
                    )
                  : faker.number.int({ min: 35, max: 100 });
                const passMark = u.testRole === "ENTRY" ? 0 : 60;
                const passed = score >= passMark;
                await tx.quizAttempt.create({
                  data: {
                    personId: learner.id,
                    unitId: u.id,
                    number: 1,
                    answers: "{}",
                    score,
                    maxScore: 100,
                    passed,
                    startedAt: when,
                    submittedAt: when,
                    competenceScores: { create: scores },
                  },
                });
                await tx.progress.upsert({
                  where: { personId_unitId: { personId: learner.id, unitId: u.id } },
                  create: {
                    personId: learner.id,
                    unitId: u.id,
                    status: passed ? "PASSED" : "FAILED",
                    score,
                    attempts: 1,
                    startedAt: when,
                    completedAt: passed ? when : null,
                    timeSpentSeconds: u.durationMinutes * 60,
                  },
                  update: {},
                });
                if (!passed) break;
              } else if (u.kind === "LAB") {
                const accepted = faker.number.float() < 0.7;
                await tx.labSubmission.create({
                  data: {
                    personId: learner.id,
                    unitId: u.id,
                    editionId: moduleEditions[0].id,
                    text: "Consegna del laboratorio: analisi del procedimento nel nostro ente, con le criticità rilevate e le proposte di miglioramento.",
                    status: accepted ? "ACCEPTED" : "SUBMITTED",
                    feedback: accepted ? "Lavoro completo e ben argomentato." : null,
                    reviewedById: accepted ? trainer.id : null,
                    submittedAt: when,
                    reviewedAt: accepted ? new Date(when.getTime() + 3 * DAY) : null,
                  },
                });
                await tx.progress.upsert({
                  where: { personId_unitId: { personId: learner.id, unitId: u.id } },
                  create: {
                    personId: learner.id,
                    unitId: u.id,
                    status: accepted ? "COMPLETED" : "IN_PROGRESS",
                    startedAt: when,
                    completedAt: accepted ? when : null,
                  },
                  update: { status: accepted ? "COMPLETED" : "IN_PROGRESS", completedAt: accepted ? when : null },
                });
                if (!accepted) break;
              } else {
                if (u.kind === "SURVEY") {
                  await tx.surveyResponse.create({
                    data: {
                      personId: learner.id,
                      unitId: u.id,
                      submittedAt: when,
                      answers: {
                        create: u.surveyItems
                          .filter((i) => i.type === "LIKERT")
                          .map((i) => ({
                            itemId: i.id,
                            value: faker.helpers.weightedArrayElement([
                              { weight: 2, value: 2 },
                              { weight: 10, value: 3 },
                              { weight: 45, value: 4 },
                              { weight: 43, value: 5 },
                            ]),
                          })),
                      },
                    },
                  });
                }
                await tx.progress.create({
                  data: {
                    personId: learner.id,
                    unitId: u.id,
                    status: "COMPLETED",
                    startedAt: when,
                    completedAt: when,
                    timeSpentSeconds: u.durationMinutes * 60,
                  },
                });
              }
            }
            await recordProgress(
              tx,
              {
                personId: learner.id,
                moduleId,
                actor: { userId: null, roles: [], requestId: null, now: at(-1) },
                activityAt: null,
              },
              {
                newCode: () =>
                  faker.string.alphanumeric({ length: 10, casing: "upper", exclude: ["0", "O", "1", "I"] }),
              },
            );
          }
        },
        { timeout: 60_000 },
      );
    }

    // ICT phase 2: the facilitator, the referents, the cycle, needs and citizens' requests.
    await seedPhase2({ today, passwordHash: demoHash });
    // The reuse catalogue: 36 real publiccode.yml files imported by the facilitator, and the national platforms.
    await seedCatalogue({ today });

    const counts = {
      persone: await db.person.count(),
      account: await db.user.count(),
      edizioni: await db.edition.count(),
      incontri: await db.session.count(),
      presenze: await db.attendance.count(),
      avanzamenti: await db.progress.count(),
      attestati: await db.certificate.count(),
      "candidature PA digitale 2026": await db.fundedMeasure.count(),
      "soluzioni a catalogo": await db.solution.count(),
    };
    console.log(
      `Dati dimostrativi creati: ${Object.entries(counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(", ")}.`,
    );
  } finally {
    await db.$disconnect();
  }
}

const invokedDirectly = process.argv[1]?.endsWith("seed.ts");
if (invokedDirectly) {
  await seed({ ifEmpty: process.argv.includes("--if-empty") });
}
