import { existsSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { reviewSubmission } from "~/models/grading.server";
import { checkIn, completeLesson, submitQuiz } from "~/models/learner-events.server";
import { getModulePage, getUnitPage } from "~/models/learning.server";
import * as certificatePdf from "~/routes/attestati.$code.pdf";
import * as download from "~/routes/consegne.$id.file";
import * as modulePage from "~/routes/percorso.$module._index";
import * as unitPage from "~/routes/percorso.$module.$unit";
import * as verify from "~/routes/verifica.$code";
import { prisma } from "~/utils/db.server";
import {
  asLearner,
  asTrainer,
  callRoute,
  createModuleFixture,
  makeRequest,
  ORIGIN,
  payload,
  replyErrors,
} from "../support";

const HOUR = 3600_000;

function multipart(
  pathname: string,
  cookie: string,
  fields: Record<string, string>,
  file?: { name: string; type: string; bytes: Uint8Array },
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append("file", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return new Request(`${ORIGIN}${pathname}`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: ORIGIN },
    body: form,
  });
}

const PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);

describe("completion in the event's transaction", () => {
  it("concurrent completion of the same unit by the same learner yields one completion and one certificate", async () => {
    const f = await createModuleFixture({ units: [{ slug: "lezione", kind: "LESSON" }] });
    const { learner } = await f.enrolLearner();
    const results = await Promise.all([
      completeLesson({ ...asLearner(learner), moduleSlug: f.module.slug, unitSlug: "lezione" }),
      completeLesson({ ...asLearner(learner), moduleSlug: f.module.slug, unitSlug: "lezione" }),
      completeLesson({ ...asLearner(learner), moduleSlug: f.module.slug, unitSlug: "lezione" }),
    ]);
    expect(results.filter((r) => r?.changed)).toHaveLength(1);
    expect(await prisma.progress.count({ where: { personId: learner.personId } })).toBe(1);
    expect(
      await prisma.moduleProgress.findUnique({
        where: { personId_moduleId: { personId: learner.personId, moduleId: f.module.id } },
      }),
    ).toMatchObject({ status: "COMPLETED", completedUnits: 1 });
    expect(await prisma.certificate.count({ where: { personId: learner.personId } })).toBe(1);
    expect(
      await prisma.auditLog.count({
        where: { action: "module.complete", entityId: `${learner.personId}:${f.module.id}` },
      }),
    ).toBe(1);
  });

  it("completes a module only when required units and the attendance threshold are met", async () => {
    const now = new Date();
    const f = await createModuleFixture({
      units: [
        { slug: "lezione", kind: "LESSON" },
        { slug: "facoltativa", kind: "LESSON", required: false },
        { slug: "verifica", kind: "QUIZ" },
        { slug: "seminario", kind: "SEMINAR" },
        { slug: "per-sindaci", kind: "LESSON", audience: "ADMINISTRATOR" },
      ],
      sessions: [
        {
          startsAt: new Date(now.getTime() - 10 * 60_000),
          endsAt: new Date(now.getTime() + 2 * HOUR),
          unitSlug: "seminario",
        },
      ],
    });
    const { learner } = await f.enrolLearner("EMPLOYEE");
    await completeLesson({ ...asLearner(learner), moduleSlug: f.module.slug, unitSlug: "lezione" });
    const failed = await submitQuiz({
      ...asLearner(learner),
      moduleSlug: f.module.slug,
      unitSlug: "verifica",
      answers: { q1: ["a"], q2: ["vero"] },
    });
    expect(failed).toMatchObject({ ok: true, passed: false, percent: 50 });
    const passed = await submitQuiz({
      ...asLearner(learner),
      moduleSlug: f.module.slug,
      unitSlug: "verifica",
      answers: { q1: ["b"], q2: ["vero"] },
    });
    expect(passed).toMatchObject({ ok: true, passed: true, percent: 100 });
    let page = await getModulePage({ scope: learner, slug: f.module.slug });
    expect(page).toMatchObject({ status: "IN_PROGRESS", requiredUnits: 3, completedUnits: 2 });
    expect(page?.missing.map((u) => u.slug)).toEqual(["seminario"]);
    expect(await prisma.certificate.count({ where: { personId: learner.personId } })).toBe(0);

    const result = await checkIn({ ...asLearner(learner), sessionId: f.sessions[0].id, code: "abc234" });
    expect(result).toEqual({ ok: true, changed: true });
    page = await getModulePage({ scope: learner, slug: f.module.slug });
    expect(page).toMatchObject({ status: "COMPLETED", completedUnits: 3 });
    expect(page?.certificate?.code).toMatch(/^[A-Z0-9]{10}$/);
  });
});

describe("quiz", () => {
  it("grades on the server, keeps every attempt and stops at the attempt limit", async () => {
    const f = await createModuleFixture({ units: [{ slug: "verifica", kind: "QUIZ", maxAttempts: 2 }] });
    const { learner, cookie } = await f.enrolLearner();
    const path = `/percorso/${f.module.slug}/verifica`;
    const incomplete = await callRoute(
      unitPage.action,
      makeRequest(path, { cookie, form: { intent: "submit-quiz", "q-q1": "b" } }),
      { module: f.module.slug, unit: "verifica" },
    );
    expect(incomplete.status).toBe(400);
    expect(replyErrors(incomplete.result)["q-q2"]).toEqual(["Scegli una risposta."]);
    expect(await prisma.quizAttempt.count({ where: { personId: learner.personId } })).toBe(0);

    for (let i = 0; i < 2; i++) {
      const r = await callRoute(
        unitPage.action,
        makeRequest(path, { cookie, form: { intent: "submit-quiz", "q-q1": "a", "q-q2": "falso" } }),
        { module: f.module.slug, unit: "verifica" },
      );
      expect(r.status).toBe(302);
      expect((r.result as Response).headers.get("Location")).toBe(`${path}?esito=quiz-failed`);
    }
    const third = await callRoute(
      unitPage.action,
      makeRequest(path, { cookie, form: { intent: "submit-quiz", "q-q1": "b", "q-q2": "vero" } }),
      { module: f.module.slug, unit: "verifica" },
    );
    expect(third.status).toBe(400);
    expect(await prisma.quizAttempt.count({ where: { personId: learner.personId } })).toBe(2);

    const page = await getUnitPage({ scope: learner, moduleSlug: f.module.slug, unitSlug: "verifica" });
    const quiz = page && "quiz" in page ? page.quiz : null;
    expect(quiz?.canAttempt).toBe(false);
    // The page never sends which option is correct.
    expect(JSON.stringify(quiz?.questions)).not.toContain('correct":true');
    expect(quiz?.questions[0].last).toMatchObject({
      chosen: ["a"],
      correct: false,
      feedback: "La risposta giusta è B.",
    });
  });

  it("records a level per competence for entry and exit tests", async () => {
    const f = await createModuleFixture({ units: [{ slug: "ingresso", kind: "QUIZ", passMark: 0, maxAttempts: 1 }] });
    const competence = await prisma.competence.create({
      data: {
        framework: "syllabus",
        code: `9.${f.module.id}`,
        areaCode: "9",
        areaTitle: "Area",
        title: "Competenza",
        description: "d",
      },
    });
    await prisma.question.updateMany({
      where: { unitId: f.units.ingresso.id, key: "q1" },
      data: { competenceId: competence.id, level: "BASE" },
    });
    await prisma.question.updateMany({
      where: { unitId: f.units.ingresso.id, key: "q2" },
      data: { competenceId: competence.id, level: "INTERMEDIO" },
    });
    const { learner } = await f.enrolLearner();
    await submitQuiz({
      ...asLearner(learner),
      moduleSlug: f.module.slug,
      unitSlug: "ingresso",
      answers: { q1: ["b"], q2: ["vero"] },
    });
    const scores = await prisma.attemptCompetenceScore.findMany({ where: { attempt: { personId: learner.personId } } });
    expect(scores).toEqual([
      expect.objectContaining({ competenceId: competence.id, score: 2, maxScore: 2, level: "INTERMEDIO" }),
    ]);
  });
});

describe("self check-in", () => {
  it("is refused outside the session window or with a wrong code, and a second check-in changes nothing", async () => {
    const now = Date.now();
    const f = await createModuleFixture({
      units: [{ slug: "seminario", kind: "SEMINAR" }],
      sessions: [
        { startsAt: new Date(now + 2 * HOUR), endsAt: new Date(now + 5 * HOUR), unitSlug: "seminario", code: "FUT234" },
        { startsAt: new Date(now - 5 * HOUR), endsAt: new Date(now - 2 * HOUR), unitSlug: "seminario", code: "PAS234" },
        { startsAt: new Date(now - HOUR), endsAt: new Date(now + HOUR), unitSlug: "seminario", code: "NOW234" },
      ],
    });
    const { learner, cookie } = await f.enrolLearner();
    const [future, past, current] = f.sessions;
    const window =
      "La registrazione della presenza è possibile solo durante l'incontro (da 15 minuti prima dell'inizio alla fine).";
    expect(await checkIn({ ...asLearner(learner), sessionId: future.id, code: "FUT234" })).toEqual({
      ok: false,
      field: "code",
      message: window,
    });
    expect(await checkIn({ ...asLearner(learner), sessionId: past.id, code: "PAS234" })).toEqual({
      ok: false,
      field: "code",
      message: window,
    });

    const path = `/percorso/${f.module.slug}`;
    const wrong = await callRoute(
      modulePage.action,
      makeRequest(path, { cookie, form: { intent: "check-in", sessionId: String(current.id), code: "XXXXXX" } }),
      { module: f.module.slug },
    );
    expect(wrong.status).toBe(400);
    expect(replyErrors(wrong.result).code?.[0]).toBe(
      "Il codice non è corretto: controlla quello mostrato dal formatore.",
    );
    expect(await prisma.attendance.count({ where: { personId: learner.personId } })).toBe(0);

    const ok = await callRoute(
      modulePage.action,
      makeRequest(path, { cookie, form: { intent: "check-in", sessionId: String(current.id), code: "now234" } }),
      { module: f.module.slug },
    );
    expect((ok.result as Response).headers.get("Location")).toBe(`${path}?esito=checkin`);
    const first = await prisma.attendance.findUniqueOrThrow({
      where: { sessionId_personId: { sessionId: current.id, personId: learner.personId } },
    });
    expect(first).toMatchObject({ status: "PRESENT", selfCheckIn: true });
    expect(first.minutes).toBeGreaterThanOrEqual(59);
    expect(first.minutes).toBeLessThanOrEqual(60);

    const again = await callRoute(
      modulePage.action,
      makeRequest(path, { cookie, form: { intent: "check-in", sessionId: String(current.id), code: "NOW234" } }),
      { module: f.module.slug },
    );
    expect((again.result as Response).headers.get("Location")).toBe(`${path}?esito=checkin-again`);
    expect(await prisma.attendance.findUniqueOrThrow({ where: { id: first.id } })).toEqual(first);
    expect(await prisma.auditLog.count({ where: { entity: "Attendance", entityId: String(first.id) } })).toBe(1);
  });

  it("cannot check in to a session of an edition the learner is not enrolled in", async () => {
    const now = Date.now();
    const f = await createModuleFixture({
      units: [{ slug: "seminario", kind: "SEMINAR" }],
      sessions: [{ startsAt: new Date(now - HOUR), endsAt: new Date(now + HOUR), code: "NOW234" }],
    });
    const other = await createModuleFixture({ units: [{ slug: "seminario", kind: "SEMINAR" }] });
    const { learner } = await other.enrolLearner();
    expect(await checkIn({ ...asLearner(learner), sessionId: f.sessions[0].id, code: "NOW234" })).toMatchObject({
      ok: false,
      field: "session",
    });
    expect(await prisma.attendance.count({ where: { personId: learner.personId } })).toBe(0);
  });
});

describe("lab deliverables", () => {
  it("stores a valid file outside public/, refuses an oversized or forbidden one and stores nothing", async () => {
    const f = await createModuleFixture({ units: [{ slug: "laboratorio", kind: "LAB" }] });
    const { learner, cookie } = await f.enrolLearner();
    const path = `/percorso/${f.module.slug}/laboratorio`;
    const params = { module: f.module.slug, unit: "laboratorio" };
    const uploads = process.env.UPLOADS_DIR!;
    const stored = () =>
      existsSync(uploads) ? readdirSync(uploads, { recursive: true }).filter((p) => String(p).includes(".")) : [];

    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PDF);
    const tooBig = await callRoute(
      unitPage.action,
      multipart(path, cookie, { intent: "submit-lab" }, { name: "grande.pdf", type: "application/pdf", bytes: big }),
      params,
    );
    expect(tooBig.status).toBe(400);
    expect(replyErrors(tooBig.result).file).toEqual(["Il file supera la dimensione massima di 10 MB."]);

    const html = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    const forbidden = await callRoute(
      unitPage.action,
      multipart(path, cookie, { intent: "submit-lab" }, { name: "finto.pdf", type: "application/pdf", bytes: html }),
      params,
    );
    expect(forbidden.status).toBe(400);
    expect(replyErrors(forbidden.result).file?.[0]).toMatch(/Tipo di file non ammesso/);
    expect(await prisma.labSubmission.count({ where: { personId: learner.personId } })).toBe(0);
    expect(stored()).toEqual([]);

    const ok = await callRoute(
      unitPage.action,
      multipart(
        path,
        cookie,
        { intent: "submit-lab", text: "La mia analisi." },
        { name: "analisi.pdf", type: "application/pdf", bytes: PDF },
      ),
      params,
    );
    expect(ok.status).toBe(302);
    const submission = await prisma.labSubmission.findFirstOrThrow({ where: { personId: learner.personId } });
    expect(submission).toMatchObject({
      version: 1,
      status: "SUBMITTED",
      fileName: "analisi.pdf",
      fileType: "application/pdf",
      text: "La mia analisi.",
    });
    expect(stored()).toHaveLength(1);
    expect(submission.fileKey).not.toMatch(/analisi/);

    // A second hand-in waits for the review; after "to revise" a new version is accepted.
    const again = await callRoute(
      unitPage.action,
      multipart(path, cookie, { intent: "submit-lab", text: "Bis" }),
      params,
    );
    expect(again.status).toBe(400);
    expect(
      await reviewSubmission({
        ...asTrainer(f.trainer.id, f.edition.id),
        submissionId: submission.id,
        decision: "TO_REVISE",
        feedback: "Aggiungi le fonti.",
      }),
    ).toMatchObject({
      status: "TO_REVISE",
    });
    await callRoute(unitPage.action, multipart(path, cookie, { intent: "submit-lab", text: "Con le fonti." }), params);
    const v2 = await prisma.labSubmission.findFirstOrThrow({ where: { personId: learner.personId, version: 2 } });
    expect(
      await reviewSubmission({
        ...asTrainer(f.trainer.id, f.edition.id),
        submissionId: v2.id,
        decision: "ACCEPTED",
        feedback: "Bene.",
      }),
    ).toMatchObject({
      status: "ACCEPTED",
      moduleStatus: "COMPLETED",
    });
  });
});

describe("nobody where they don't belong", () => {
  it("another learner's unit, upload and certificate give 404", async () => {
    const f = await createModuleFixture({
      units: [
        { slug: "lezione", kind: "LESSON" },
        { slug: "laboratorio", kind: "LAB", required: false },
      ],
    });
    const owner = await f.enrolLearner();
    await callRoute(
      unitPage.action,
      multipart(
        `/percorso/${f.module.slug}/laboratorio`,
        owner.cookie,
        { intent: "submit-lab" },
        { name: "a.pdf", type: "application/pdf", bytes: PDF },
      ),
      { module: f.module.slug, unit: "laboratorio" },
    );
    await completeLesson({ ...asLearner(owner.learner), moduleSlug: f.module.slug, unitSlug: "lezione" });
    const submission = await prisma.labSubmission.findFirstOrThrow({ where: { personId: owner.person.id } });
    const certificate = await prisma.certificate.findFirstOrThrow({ where: { personId: owner.person.id } });

    const stranger = await (await createModuleFixture({ units: [{ slug: "lezione", kind: "LESSON" }] })).enrolLearner();
    const unit = await callRoute(
      unitPage.loader,
      makeRequest(`/percorso/${f.module.slug}/lezione`, { cookie: stranger.cookie }),
      { module: f.module.slug, unit: "lezione" },
    );
    expect(unit.status).toBe(404);
    const mod = await callRoute(
      modulePage.loader,
      makeRequest(`/percorso/${f.module.slug}`, { cookie: stranger.cookie }),
      { module: f.module.slug },
    );
    expect(mod.status).toBe(404);
    const post = await callRoute(
      unitPage.action,
      makeRequest(`/percorso/${f.module.slug}/lezione`, {
        cookie: stranger.cookie,
        form: { intent: "complete-lesson" },
      }),
      { module: f.module.slug, unit: "lezione" },
    );
    expect(post.status).toBe(404);
    expect(await prisma.progress.count({ where: { personId: stranger.person.id, unitId: f.units.lezione.id } })).toBe(
      0,
    );
    const file = await callRoute(
      download.loader,
      makeRequest(`/consegne/${submission.id}/file`, { cookie: stranger.cookie }),
      { id: String(submission.id) },
    );
    expect(file.status).toBe(404);
    const pdf = await callRoute(
      certificatePdf.loader,
      makeRequest(`/attestati/${certificate.code}/pdf`, { cookie: stranger.cookie }),
      { code: certificate.code },
    );
    expect(pdf.status).toBe(404);

    // The owner and the edition's trainer can download; the owner gets the real PDF.
    const mine = await callRoute(
      download.loader,
      makeRequest(`/consegne/${submission.id}/file`, { cookie: owner.cookie }),
      { id: String(submission.id) },
    );
    expect(mine.status).toBe(200);
    expect((mine.result as Response).headers.get("Content-Disposition")).toBe('attachment; filename="a.pdf"');
    const ownPdf = await callRoute(
      certificatePdf.loader,
      makeRequest(`/attestati/${certificate.code}/pdf`, { cookie: owner.cookie }),
      { code: certificate.code },
    );
    expect(ownPdf.status).toBe(200);
    const bytes = new Uint8Array(await (ownPdf.result as Response).arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
  });

  it("the public verification page shows valid, revoked and unknown codes", async () => {
    const f = await createModuleFixture({ units: [{ slug: "lezione", kind: "LESSON" }] });
    const { learner, person } = await f.enrolLearner();
    await completeLesson({ ...asLearner(learner), moduleSlug: f.module.slug, unitSlug: "lezione" });
    const certificate = await prisma.certificate.findFirstOrThrow({ where: { personId: person.id } });
    const valid = await callRoute(verify.loader, makeRequest(`/verifica/${certificate.code}`), {
      code: certificate.code.toLowerCase(),
    });
    expect(payload(valid.result)).toEqual({
      code: certificate.code,
      name: `${person.firstName} ${person.lastName}`,
      module: f.module.title,
      minutes: 0,
      issuedAt: certificate.issuedAt.toISOString(),
      revoked: false,
    });
    await prisma.certificate.update({
      where: { id: certificate.id },
      data: { revokedAt: new Date(), revokedReason: "Errore" },
    });
    const revoked = await callRoute(verify.loader, makeRequest(`/verifica/${certificate.code}`), {
      code: certificate.code,
    });
    expect(payload<{ revoked: boolean }>(revoked.result).revoked).toBe(true);
    const unknown = await callRoute(verify.loader, makeRequest("/verifica/ZZZZZZZZZZ"), { code: "ZZZZZZZZZZ" });
    expect(unknown.status).toBe(404);
  });
});

describe("survey and lesson pages", () => {
  it("keeps one survey response per learner and renders lesson Markdown without raw HTML", async () => {
    const f = await createModuleFixture({
      units: [
        { slug: "questionario", kind: "SURVEY" },
        { slug: "lezione", kind: "LESSON" },
      ],
    });
    const { learner, cookie } = await f.enrolLearner();
    const path = `/percorso/${f.module.slug}/questionario`;
    const params = { module: f.module.slug, unit: "questionario" };
    const bad = await callRoute(
      unitPage.action,
      makeRequest(path, { cookie, form: { intent: "submit-survey", "item-s1": "9" } }),
      params,
    );
    expect(bad.status).toBe(400);
    expect(replyErrors(bad.result)["item-s1"]).toEqual(["Scegli un valore da 1 a 5."]);
    for (const value of ["4", "2"]) {
      await callRoute(
        unitPage.action,
        makeRequest(path, { cookie, form: { intent: "submit-survey", "item-s1": value, "item-s2": "Ottimo corso" } }),
        params,
      );
    }
    const responses = await prisma.surveyResponse.findMany({
      where: { personId: learner.personId },
      select: { answers: { select: { value: true, text: true } } },
    });
    expect(responses).toHaveLength(1);
    expect(responses[0].answers).toEqual(
      expect.arrayContaining([
        { value: 4, text: null },
        { value: null, text: "Ottimo corso" },
      ]),
    );

    const lesson = await getUnitPage({ scope: learner, moduleSlug: f.module.slug, unitSlug: "lezione" });
    expect(lesson?.html).toContain("&lt;script&gt;");
    expect(lesson?.html).not.toContain("<script>");
  });
});
