// The needs register and the moderation queue in the browser, with and without JavaScript,
// on the demo seed (the Oltrepò's Rilevazione 2026, its needs and citizens' requests).
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ACCOUNTS, expect, expectAxeClean, expectNoSidewaysScroll, signIn, test } from "./fixtures";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A citizen's request of Varzi waiting for moderation, as the public form leaves it. */
function addVarziRequest(text: string): number {
  const db = new Database(path.resolve("prisma/e2e.db"));
  try {
    const varzi = db.prepare("SELECT id FROM Organisation WHERE name = ?").get("Comune di Varzi") as { id: number };
    const code = Array.from(randomBytes(10), (b) => CROCKFORD[b & 31]).join("");
    const row = db
      .prepare(
        "INSERT INTO CitizenRequest (organisationId, topic, text, receiptCode, createdAt) VALUES (?, ?, ?, ?, ?)",
      )
      .run(varzi.id, "TRIBUTI", text, code, Date.now());
    return Number(row.lastInsertRowid);
  } finally {
    db.close();
  }
}

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? "con JS" : "senza JS";

  test(`a facilitator records a need and finds it in the register ${mode}`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled, locale: "it-IT" });
    const page = await context.newPage();
    await signIn(context, ACCOUNTS.facilitator);
    const title = `Pratiche edilizie online (${mode})`;
    await page.goto("/fabbisogni");
    await page.getByRole("link", { name: "Nuovo fabbisogno" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Nuovo fabbisogno" })).toBeVisible();

    // Incomplete: the messages appear by their fields, what was typed stays.
    await page.getByLabel("Titolo").fill(title);
    await page.getByRole("button", { name: "Registra il fabbisogno" }).click();
    await expect(page.getByText("Scegli almeno un comune interessato.")).toBeVisible();
    await expect(page.getByText("Indica l'impatto da 1 a 5.")).toBeVisible();
    await expect(page.getByLabel("Titolo")).toHaveValue(title);

    await page
      .getByLabel("Descrizione")
      .fill("I tecnici presentano le pratiche edilizie su carta o via PEC: l'ufficio tecnico le ricopia a mano.");
    await page.getByLabel("Comune di Varzi", { exact: true }).check();
    await page.getByLabel("Comune di Menconico", { exact: true }).check();
    await page.getByLabel("Da dove viene il fabbisogno").selectOption("OFFICE_INTERVIEW");
    await page.getByLabel("Nota sulla fonte").fill("Intervista all'ufficio tecnico di Varzi");
    await page
      .getByLabel("Requisiti obbligatori (MUST)")
      .fill("Presentazione online con SPID e CIE\nPagamento dei diritti con pagoPA");
    await page.getByLabel("Tetto di spesa (T_bilancio, euro)").fill("15.000");
    await page.getByLabel("Tempi massimi (T_tempi, mesi)").fill("9");
    await page.getByRole("group", { name: "Impatto" }).getByLabel("4", { exact: true }).check();
    await page.getByRole("group", { name: "Fattibilità" }).getByLabel("3", { exact: true }).check();
    await page.getByRole("button", { name: "Registra il fabbisogno" }).click();

    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByTestId("outcome")).toHaveText("Fabbisogno registrato.");
    await expect(page.getByTestId("need-comuni")).toHaveText("Comune di Menconico, Comune di Varzi");
    await expect(page.getByText("Pagamento dei diritti con pagoPA")).toBeVisible();

    await page.getByRole("link", { name: "Fabbisogni" }).first().click();
    await expect(page.getByTestId("needs-table").getByRole("link", { name: title })).toBeVisible();
    await context.close();
  });

  test(`a facilitator approves a citizen's request with a summary ${mode}`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled, locale: "it-IT" });
    const page = await context.newPage();
    await signIn(context, ACCOUNTS.facilitator);
    const text = `Vorrei ricevere l'avviso dell'IMU su App IO e pagarlo subito con pagoPA (${mode}).`;
    const id = addVarziRequest(text);
    await page.goto("/fabbisogni");
    await page.getByRole("link", { name: "Richieste dei cittadini" }).click();
    // Both pages have a "Comune" filter: wait for the queue before using it.
    await expect(page.getByRole("heading", { level: 1, name: "Richieste dei cittadini" })).toBeVisible();
    await page.getByLabel("Comune", { exact: true }).selectOption({ label: "Comune di Varzi" });
    await page.getByRole("button", { name: "Filtra" }).click();
    await expect(page).toHaveURL(/\/fabbisogni\/richieste\?.*comune=\d+/);
    // With JavaScript the URL can change before the filtered queue renders: load it whole.
    await page.goto(page.url());
    const pending = Number(/\d+/.exec(await page.getByTestId("pending-count").innerText())![0]);
    expect(pending).toBeGreaterThanOrEqual(1);

    const card = page.getByTestId(`request-${id}`);
    await expect(card.getByTestId("request-text")).toHaveText(text);
    await card.getByRole("button", { name: "Approva e pubblica" }).click();
    await expect(
      card.getByText("Scrivi il riassunto da pubblicare: il testo del cittadino non è mai pubblico."),
    ).toBeVisible();

    // A name in the summary: a warning, and nothing is published.
    await card.getByLabel("Riassunto da pubblicare").fill("Avviso IMU su App IO, come chiede Mario Rossi");
    await card.getByRole("button", { name: "Approva e pubblica" }).click();
    await expect(card.getByTestId("pii-warnings")).toContainText("un nome e cognome");
    await expect(card.getByLabel("Riassunto da pubblicare")).toHaveValue(
      "Avviso IMU su App IO, come chiede Mario Rossi",
    );

    await card
      .getByLabel("Riassunto da pubblicare")
      .fill("Avviso dell'IMU su App IO, con il pagamento tramite pagoPA.");
    await card.getByRole("button", { name: "Approva e pubblica" }).click();
    await expect(page.getByTestId("outcome")).toHaveText("Richiesta approvata: il riassunto è pubblico.");
    await expect(page.getByTestId(`request-${id}`)).toHaveCount(0);
    await expect(page.getByTestId("pending-count")).toHaveText(new RegExp(`^${pending - 1} richiest`));

    await page.getByLabel("Stato").selectOption("APPROVED");
    await page.getByRole("button", { name: "Filtra" }).click();
    await expect(page.getByTestId(`request-${id}`)).toContainText(
      "Avviso dell'IMU su App IO, con il pagamento tramite pagoPA.",
    );
    await context.close();
  });

  test(`a coordinator reads the register and downloads the XLSX ${mode}`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled, locale: "it-IT", acceptDownloads: true });
    const page = await context.newPage();
    await signIn(context, ACCOUNTS.coordinator);
    await page.goto("/fabbisogni");
    await expect(page.getByRole("heading", { level: 1, name: "Fabbisogni" })).toBeVisible();
    await expect(page.getByText(/Priorità = 0,4 × impatto \+ 0,3 × fattibilità \+ 0,3 × condivisione/)).toBeVisible();
    // Reading only: no new need, no merge.
    await expect(page.getByRole("link", { name: "Nuovo fabbisogno" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Unisci i fabbisogni spuntati" })).toHaveCount(0);

    await page.getByLabel("Comune", { exact: true }).selectOption({ label: "Comune di Varzi" });
    await page.getByRole("button", { name: "Filtra" }).click();
    await expect(page).toHaveURL(/comune=\d+/);
    // With JavaScript the URL can change before the filtered rows render: load the page whole.
    await page.goto(page.url());
    const rows = page.getByTestId("needs-table").locator("tbody tr");
    const count = await rows.count();
    expect(count).toBeGreaterThanOrEqual(2);
    const titles = await rows.locator("th a").allInnerTexts();

    const downloadPromise = page.waitForEvent("download");
    await page.getByTestId("export-xlsx").click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^fabbisogni-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(readFileSync(await download.path())).buffer);
    const sheet = workbook.getWorksheet("Fabbisogni")!;
    const exported: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) {
        exported.push(String(row.getCell(2).value));
        expect(String(row.getCell(7).value)).toContain("Comune di Varzi");
      }
    });
    expect(exported).toEqual(titles);
    await context.close();
  });
}

test("the needs pages pass the WCAG 2.1 A/AA checks, also 375 px wide", async ({ page, loginAs }) => {
  // Several pages at two widths, each analysed in full.
  test.slow();
  const check = async (url: string) => {
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(url);
      await expectAxeClean(page, `${url} at ${width}px`);
      await expectNoSidewaysScroll(page, `${url} at ${width}px`);
    }
  };
  await loginAs(ACCOUNTS.facilitator);
  await page.goto("/fabbisogni");
  const first = await page.getByTestId("needs-table").locator("tbody th a").first().getAttribute("href");
  for (const url of [
    "/fabbisogni",
    "/fabbisogni/nuovo",
    first!,
    "/fabbisogni/richieste",
    "/fabbisogni/richieste?stato=tutte",
  ]) {
    await check(url);
  }
  // The form with its errors, as a 400 leaves it.
  await page.setViewportSize({ width: 375, height: 900 });
  await page.goto("/fabbisogni/nuovo");
  await page.getByRole("button", { name: "Registra il fabbisogno" }).click();
  await expect(page.getByText("Scegli almeno un comune interessato.")).toBeVisible();
  await expectAxeClean(page, "the new need form with its errors at 375 px");

  await loginAs(ACCOUNTS.referent);
  for (const url of ["/fabbisogni", "/fabbisogni/richieste?stato=tutte"]) await check(url);
});

test("the referent of Varzi moderates Varzi's requests only", async ({ page, loginAs }) => {
  await loginAs(ACCOUNTS.referent);
  await page.goto("/fabbisogni/richieste?stato=tutte");
  const comuni = await page.getByLabel("Comune", { exact: true }).locator("option").allInnerTexts();
  expect(comuni.filter((c) => c !== "Tutti")).toEqual(["Comune di Varzi"]);
  const cards = page.locator("[data-testid^=request-]").filter({ has: page.getByTestId("request-text") });
  expect(await cards.count()).toBeGreaterThan(0);
  for (const text of await cards.allInnerTexts()) expect(text).toContain("Comune di Varzi");
});
