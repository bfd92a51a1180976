import { ACCOUNTS, expect, expectAxeClean, signIn, test } from "./fixtures";
import { E2E_TRAINER_EDITIONS } from "./fixture-data";

const today = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Rome",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
}).format(new Date());

for (const javaScriptEnabled of [true, false]) {
  const target = javaScriptEnabled ? E2E_TRAINER_EDITIONS.js : E2E_TRAINER_EDITIONS.nojs;
  test(`a trainer schedules a session, records attendance, grades a deliverable and sees the module complete ${javaScriptEnabled ? "with" : "without"} JavaScript`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled, locale: "it-IT" });
    const page = await context.newPage();
    await signIn(context, ACCOUNTS.trainer);

    await page.goto("/edizioni");
    await expect(page.getByTestId(`pending-${target.code}`)).toContainText("1 consegne da valutare");
    await page.getByRole("link", { name: target.code }).click();
    const row = page
      .getByTestId("roster-table")
      .getByRole("row", { name: new RegExp(target.name.split(" ").reverse().join(" ")) });
    await expect(row).toContainText("In corso");

    // A new session for the module's seminar.
    await page
      .getByRole("navigation", { name: "Sezioni dell'edizione" })
      .getByRole("link", { name: "Incontri" })
      .click();
    await page.getByRole("link", { name: "Nuovo incontro" }).click();
    await page.getByLabel("Titolo").fill("Seminario sulla gestione associata");
    await page.getByLabel("Attività del modulo").selectOption({ index: 1 });
    await page.getByLabel("Data").fill(today);
    await page.getByLabel("Inizio").fill("09:00");
    await page.getByLabel("Fine").fill("12:00");
    await page.getByLabel("Modalità").selectOption("PRESENCE");
    await page.getByLabel("Luogo").fill("Sala consiliare del Comune di Varzi");
    await page.getByRole("button", { name: "Crea l'incontro" }).click();
    await expect(page.getByRole("heading", { name: "Seminario sulla gestione associata" })).toBeVisible();

    // The register: the learner was there.
    const registerRow = page
      .getByTestId("register")
      .getByRole("row", { name: new RegExp(target.name.split(" ").reverse().join(" ")) });
    await registerRow.getByRole("combobox").first().selectOption("PRESENT");
    await page.getByRole("button", { name: "Salva le presenze" }).click();
    await expect(page.getByTestId("outcome")).toHaveText("Presenze salvate: 1 modifiche.");
    const pdf = await page.request.get((await page.getByTestId("register-pdf").getAttribute("href")) ?? "");
    expect(pdf.headers()["content-type"]).toBe("application/pdf");

    // The deliverable: accepted with feedback.
    await page
      .getByRole("navigation", { name: "Sezioni dell'edizione" })
      .getByRole("link", { name: "Consegne" })
      .click();
    await page.getByLabel("Accetta").check();
    await page.getByLabel("Commento per il partecipante").fill("Proposta concreta e ben motivata.");
    await page.getByRole("button", { name: "Registra la valutazione" }).click();
    await expect(page.getByTestId("outcome")).toHaveText("Valutazione registrata.");
    await expect(page.getByText("Nessuna consegna in attesa.")).toBeVisible();

    // The learner's module is now complete, and the history says why.
    await page
      .getByRole("navigation", { name: "Sezioni dell'edizione" })
      .getByRole("link", { name: "Partecipanti" })
      .click();
    await expect(row).toContainText("Completato");
    await row.getByRole("link").click();
    await expect(page.getByTestId("history")).toContainText("attendance.record");
    await expect(page.getByTestId("history")).toContainText("lab.review");
    await expect(page.getByTestId("history")).toContainText("module.complete");
    await context.close();
  });
}

test("trainer pages pass the WCAG 2.1 A/AA checks", async ({ page, loginAs }) => {
  // Several pages, each analysed in full: three times the default time.
  test.slow();
  await loginAs(ACCOUNTS.trainer);
  await page.goto("/edizioni");
  await page.getByRole("link", { name: E2E_TRAINER_EDITIONS.js.code }).click();
  await page.waitForURL(/\/edizioni\/\d+$/);
  const base = new URL(page.url()).pathname;
  await page.goto(`${base}/incontri`);
  const session = await page.getByTestId("sessions").getByRole("link").first().getAttribute("href");
  const learner = await (async () => {
    await page.goto(base);
    return page.getByTestId("roster-table").getByRole("link").first().getAttribute("href");
  })();
  const urls = [
    "/edizioni",
    base,
    `${base}/matrice`,
    `${base}/incontri`,
    `${base}/incontri/nuovo`,
    `${base}/consegne`,
    session!,
    learner!,
  ];
  for (const url of urls) {
    await page.goto(url);
    await expectAxeClean(page, url);
  }
});
