import { readFileSync } from "node:fs";
import matter from "gray-matter";
import type { Page } from "@playwright/test";
import { expect, expectAxeClean, signIn, test } from "./fixtures";
import { E2E_CHECK_IN_CODE, E2E_LEARNERS } from "./fixture-data";

type Question = {
  id: string;
  type: "single" | "multiple" | "truefalse";
  answer?: boolean;
  options?: { id: string; text: string; correct?: boolean }[];
};
const quiz = matter(readFileSync("content/modules/comunicazione/quiz-comunicazione.md", "utf8")).data as {
  questions: Question[];
};

/** Ticks the right (or a wrong) answer of every question of the communication quiz. */
async function answerQuiz(page: Page, right: boolean) {
  for (const [i, q] of quiz.questions.entries()) {
    const group = page.getByRole("group", { name: new RegExp(`^Domanda ${i + 1}:`) });
    if (q.type === "truefalse") {
      await group.getByLabel(right === q.answer ? "Vero" : "Falso", { exact: true }).check();
      continue;
    }
    const options = q.options ?? [];
    const pick = right ? options.filter((o) => o.correct) : [options.find((o) => !o.correct)!];
    for (const o of pick) await group.getByLabel(o.text, { exact: true }).check();
  }
}

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

for (const javaScriptEnabled of [true, false]) {
  test(`a learner completes a module and gets a verifiable certificate ${javaScriptEnabled ? "with" : "without"} JavaScript`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled, locale: "it-IT", acceptDownloads: true });
    const page = await context.newPage();
    await signIn(context, javaScriptEnabled ? E2E_LEARNERS.js : E2E_LEARNERS.nojs);

    await page.goto("/percorso");
    await page.getByRole("link", { name: "Comunicazione pubblica e partecipazione dei cittadini" }).click();
    await expect(
      page.getByRole("heading", { level: 1, name: "Comunicazione pubblica e partecipazione dei cittadini" }),
    ).toBeVisible();

    // A lesson: read, mark as completed.
    await page.getByTestId("missing").getByRole("link").first().click();
    await expect(page.locator("article h1, article h2").first()).toBeVisible();
    await page.getByRole("button", { name: "Segna come completata" }).click();
    await expect(page.getByTestId("outcome")).toHaveText("Lezione segnata come completata.");
    await expect(page.getByTestId("unit-status")).toHaveText("Completata");

    // The quiz: fail, then pass.
    await page.goto("/percorso/comunicazione/quiz-comunicazione");
    await page.getByRole("button", { name: "Invia le risposte" }).click();
    if (!javaScriptEnabled) await expect(page.getByText(/Rispondi a tutte le domande/)).toBeVisible();
    await answerQuiz(page, false);
    await page.getByRole("button", { name: "Invia le risposte" }).click();
    await expect(page.getByTestId("outcome")).toHaveText("Verifica non superata: rivedi le risposte e riprova.");
    await expect(page.getByTestId("quiz-feedback").first()).toBeVisible();
    await answerQuiz(page, true);
    await page.getByRole("button", { name: "Invia le risposte" }).click();
    await expect(page.getByTestId("outcome")).toHaveText("Verifica superata!");
    await expect(page.getByTestId("quiz-attempts").getByRole("listitem")).toHaveCount(2);

    // The satisfaction survey.
    await page.goto("/percorso/comunicazione/questionario-gradimento");
    const groups = page.getByRole("group");
    const count = await groups.count();
    for (let i = 0; i < count; i++) await groups.nth(i).getByLabel("4", { exact: true }).check();
    await page.getByRole("button", { name: "Invia il questionario" }).click();
    await expect(page.getByTestId("outcome")).toHaveText("Grazie per aver risposto al questionario.");

    // A lab deliverable in another module: a file over 10 MB first — the browser, still
    // sending it, gets the 400 with the error next to the file input — then text and a PDF.
    await page.goto("/percorso/fondi-europei/laboratorio-mappa-opportunita");
    await page.getByLabel("File da allegare").setInputFiles({
      name: "报告 grande.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024, 0x20)]),
    });
    await page.getByRole("button", { name: "Invia la consegna" }).click();
    await expect(page.locator("#lab-file-error")).toHaveText("Il file supera la dimensione massima di 10 MB.");
    await page
      .getByLabel("Testo della consegna")
      .fill("Mappa delle opportunità di finanziamento per il Comune di Varzi.");
    await page
      .getByLabel("File da allegare")
      .setInputFiles({ name: "mappa.pdf", mimeType: "application/pdf", buffer: PDF });
    await page.getByRole("button", { name: "Invia la consegna" }).click();
    await expect(page.getByTestId("outcome")).toHaveText("Consegna inviata: il formatore la valuterà.");
    await expect(page.getByTestId("lab-status")).toHaveText("In attesa di valutazione");

    // Check in to the session that is on now: a wrong code first.
    await page.goto("/percorso/comunicazione");
    await page.getByLabel("Codice dell'incontro").fill("SBAGLI");
    await page.getByRole("button", { name: "Registra la presenza" }).click();
    await expect(page.getByText("Il codice non è corretto: controlla quello mostrato dal formatore.")).toBeVisible();
    await page.getByLabel("Codice dell'incontro").fill(E2E_CHECK_IN_CODE.toLowerCase());
    await page.getByRole("button", { name: "Registra la presenza" }).click();
    await expect(page.getByTestId("outcome")).toHaveText("Presenza registrata.");

    // The module is complete: certificate PDF and public verification page.
    await expect(page.getByTestId("module-status")).toHaveText("Completato");
    const downloadPromise = page.waitForEvent("download");
    await page.getByTestId("certificate-download").click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^attestato-[A-Z0-9]{10}\.pdf$/);
    const pdf = readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");

    const code = download.suggestedFilename().slice("attestato-".length, -4);
    const visitor = await browser.newContext({ javaScriptEnabled, locale: "it-IT" });
    const publicPage = await visitor.newPage();
    await publicPage.goto("/verifica");
    await publicPage.getByLabel("Codice dell'attestato").fill(code.toLowerCase());
    await publicPage.getByRole("button", { name: "Verifica" }).click();
    await expect(publicPage).toHaveURL(new RegExp(`/verifica/${code}$`));
    await expect(publicPage.getByTestId("verify-status")).toHaveText("Attestato valido");
    await expect(publicPage.getByTestId("verify-name")).toHaveText(
      javaScriptEnabled ? "Carla Scabini" : "Nadia Tacchini",
    );
    await visitor.close();
    await context.close();
  });
}

test("learner pages pass the WCAG 2.1 A/AA checks", async ({ page, loginAs }) => {
  // Several pages, each analysed in full: three times the default time.
  test.slow();
  await loginAs(E2E_LEARNERS.js);
  const pages = [
    "/percorso",
    "/percorso/comunicazione",
    "/percorso/comunicazione/comunicazione-pubblica",
    "/percorso/comunicazione/quiz-comunicazione",
    "/percorso/fondi-europei/laboratorio-mappa-opportunita",
    "/percorso/fondi-europei/questionario-gradimento",
    "/percorso/fondi-europei/seminario-fondi-europei",
    "/i-miei-dati",
    "/verifica",
    "/login",
  ];
  for (const url of pages) {
    await page.goto(url);
    await expectAxeClean(page, url);
  }
});

test("a learner downloads their own data as JSON and CSV", async ({ page, loginAs }) => {
  await loginAs(E2E_LEARNERS.js);
  const json = await page.request.get("/i-miei-dati/json");
  expect(json.status()).toBe(200);
  const data = await json.json();
  expect(data.email).toBe(E2E_LEARNERS.js);
  expect(JSON.stringify(data)).not.toMatch(/passwordHash|tokenHash/);
  expect(data.enrolments.length).toBeGreaterThanOrEqual(2);
  const csv = await page.request.get("/i-miei-dati/csv");
  const text = await csv.text();
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text.split("\r\n")[0] ?? text.split("\n")[0]).toContain("sezione;record;campo;valore");
});
