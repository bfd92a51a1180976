import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { PHASE2_CYCLE_TITLE } from "../../prisma/seed-data/phase2-story";
import { ACCOUNTS, expect, expectAccessible, signIn, test } from "./fixtures";

// Axe over the 18 × 43 heat map and the long forms, at two widths, takes its time.
test.describe.configure({ timeout: 120_000 });

const VARZI = "018171";
const GODIASCO = "018073";

/** Axe runs in the page: where JavaScript is off, the run with it on checks the same DOM. */
async function checkAccessible(page: Page, what: string, javaScriptEnabled = true) {
  if (javaScriptEnabled) await expectAccessible(page, what);
}

for (const javaScriptEnabled of [true, false]) {
  const how = javaScriptEnabled ? "with" : "without";
  // Each run changes a different item, so the two runs do not depend on each other.
  const item = javaScriptEnabled ? "DATI-01" : "DATI-03";

  test(`the referent of Varzi fills a dimension, saves it and finds it saved ${how} JavaScript`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled, locale: "it-IT" });
    const page = await context.newPage();
    await signIn(context, ACCOUNTS.referent);
    await page.goto("/");
    await expect(page).toHaveURL(/\/maturita$/);
    await page.getByRole("link", { name: PHASE2_CYCLE_TITLE }).click();
    // A referent sees their own comune only.
    await expect(page.getByTestId("assessments-table").locator("tbody tr")).toHaveCount(1);
    await page.getByRole("link", { name: "Comune di Varzi", exact: true }).click();
    await expect(page.getByTestId("assessment-status")).toHaveText("In corso");
    await checkAccessible(page, "assessment form", javaScriptEnabled);

    await page.getByTestId("dimension-tabs").getByRole("link", { name: /^DATI/ }).click();
    await expect(page).toHaveURL(/dimensione=DATI/);
    const fieldset = page.getByTestId(`item-${item}`);
    const radios = fieldset.getByRole("radio");
    const checked = await radios.evaluateAll((els) => els.findIndex((e) => (e as HTMLInputElement).checked));
    const level = checked === 3 ? 2 : 3;
    await radios.nth(level).check();
    await fieldset.getByLabel("Nota").fill(`Rilevato in sessione (${how} JavaScript)`);
    await page.getByRole("button", { name: "Salva la dimensione DATI" }).click();
    await expect(page.getByTestId("outcome")).toHaveText("Risposte della dimensione salvate.");

    await page.reload();
    await expect(page.getByTestId(`item-${item}`).getByRole("radio").nth(level)).toBeChecked();
    await expect(page.getByTestId(`item-${item}`).getByLabel("Nota")).toHaveValue(
      `Rilevato in sessione (${how} JavaScript)`,
    );

    // A level out of the scale never reaches the database: the browser cannot even send one,
    // and an N/A without its reason is refused next to the field.
    await page.getByTestId(`item-${item}`).getByLabel("Non si applica al comune").check();
    await page.getByTestId(`item-${item}`).getByLabel("Perché non si applica").fill("");
    await page.getByRole("button", { name: "Salva la dimensione DATI" }).click();
    await expect(page.getByTestId(`item-${item}`)).toContainText("Spiega perché la domanda non si applica al comune.");
    await checkAccessible(page, "assessment form with errors", javaScriptEnabled);
    await context.close();
  });
}

for (const javaScriptEnabled of [true, false]) {
  const how = javaScriptEnabled ? "with" : "without";
  // Each run acts on different comuni of the story: submitted ones to validate, one to reopen, one to fill.
  const run = javaScriptEnabled
    ? { validate: ["018094", "Montalto Pavese"], reopen: ["018126", "Rocca Susella"], fill: "Fortunago" }
    : { validate: ["018021", "Brallo di Pregola"], reopen: ["018042", "Cecima"], fill: "Montesegale" };

  test(`the facilitator fills on a comune's behalf, validates and reopens with a reason ${how} JavaScript`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled, locale: "it-IT" });
    const page = await context.newPage();
    await signIn(context, ACCOUNTS.facilitator);
    await page.goto("/maturita");
    await checkAccessible(page, "cycles", javaScriptEnabled);
    await page.getByRole("link", { name: "Nuova rilevazione" }).click();
    await expect(page.getByLabel("Edizione della fase 2")).toBeVisible();
    await checkAccessible(page, "new cycle form", javaScriptEnabled);
    await page.goto("/maturita");
    await page.getByRole("link", { name: PHASE2_CYCLE_TITLE }).click();
    await expect(page).toHaveURL(/\/maturita\/\d+$/);
    const cycleUrl = page.url();
    await expect(page.getByTestId("assessments-table").locator("tbody tr")).toHaveCount(18);
    await checkAccessible(page, "cycle status table", javaScriptEnabled);
    await expect(page.getByTestId(`status-${run.validate[0]}`)).toHaveText("Inviato");

    // In the group session: an answer entered for the comune needs the reason.
    await page.getByRole("link", { name: `Comune di ${run.fill}`, exact: true }).click();
    await page.getByTestId("dimension-tabs").getByRole("link", { name: /^INFR/ }).click();
    await page.getByTestId("item-INFR-02").getByRole("radio").nth(2).check();
    await page.getByRole("button", { name: "Salva la dimensione INFR" }).click();
    await expect(page.getByText("Indica il motivo della modifica fatta per conto del comune.")).toBeVisible();
    await expect(page.getByTestId("item-INFR-02").getByRole("radio").nth(2)).toBeChecked();
    await page.getByLabel("Motivo della modifica per conto del comune").fill("Sessione di gruppo in municipio");
    await page.getByRole("button", { name: "Salva la dimensione INFR" }).click();
    await expect(page.getByTestId("outcome")).toHaveText("Risposte della dimensione salvate.");
    await expect(page.getByTestId("item-INFR-02")).toContainText("Sessione di gruppo in municipio");

    await page.goto(cycleUrl);
    await page.getByRole("link", { name: `Comune di ${run.validate[1]}`, exact: true }).click();
    await page.getByRole("button", { name: "Valida l'assessment" }).click();
    await expect(page.getByTestId("outcome")).toHaveText("Assessment validato: ora conta nel quadro d'area.");
    await expect(page.getByTestId("assessment-status")).toHaveText("Validato");
    await expect(page.getByTestId("read-only")).toBeVisible();

    await page.goto(cycleUrl);
    await page.getByRole("link", { name: `Comune di ${run.reopen[1]}`, exact: true }).click();
    await page.getByRole("button", { name: "Riapri l'assessment" }).click();
    await expect(page.getByText("Indica il motivo della riapertura.")).toBeVisible();
    await page.getByLabel("Motivo della riapertura").fill("Mancano le evidenze delle nomine (ORG-01).");
    await page.getByRole("button", { name: "Riapri l'assessment" }).click();
    await expect(page.getByTestId("assessment-status")).toHaveText("Riaperto");
    await expect(page.getByTestId("reopen-reason")).toContainText("Mancano le evidenze delle nomine");
    await context.close();
  });
}

for (const javaScriptEnabled of [true, false]) {
  test(`the coordinator reads the area view and a comune's profile, and downloads the profiles ${javaScriptEnabled ? "with" : "without"} JavaScript`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled, locale: "it-IT", acceptDownloads: true });
    const page = await context.newPage();
    await signIn(context, ACCOUNTS.coordinator);
    await page.goto("/maturita");
    await page.getByRole("link", { name: PHASE2_CYCLE_TITLE }).click();
    await page.getByRole("link", { name: "Quadro d'area" }).click();
    const heat = page.getByTestId("heat-map");
    await expect(heat.locator("thead th")).toHaveCount(43 + 2);
    // One row per validated assessment (the story's nine, plus any a test above validated).
    const validated = Number(/(\d+) comuni su 18/.exec(await page.getByTestId("validated-count").innerText())![1]);
    expect(validated).toBeGreaterThanOrEqual(9);
    await expect(heat.locator("tbody tr")).toHaveCount(validated);
    await expect(heat).toContainText("Comune di Godiasco Salice Terme");
    await expect(page.getByTestId("distributions").locator("tbody tr")).toHaveCount(7);
    await checkAccessible(page, "area view", javaScriptEnabled);

    await page.goto(page.url().replace(/\/area$/, `/${GODIASCO}/profilo`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Profilo digitale — Comune di Godiasco Salice Terme",
    );
    await expect(page.getByTestId("radar")).toBeVisible();
    await expect(page.getByTestId("dimension-table").locator("tbody tr")).toHaveCount(7);
    // Counted once the page is whole (the last table is there): the HTML arrives in chunks.
    await expect(page.getByTestId("items-SIC")).toBeVisible();
    const priorities = await page.getByTestId("priorities").locator("li").count();
    expect(priorities).toBeGreaterThanOrEqual(3);
    expect(priorities).toBeLessThanOrEqual(5);
    const index = (await page.getByTestId("maturity-index").innerText()).replace(",", ".");
    await checkAccessible(page, "comune profile", javaScriptEnabled);

    await page.goBack();
    await page.goto(
      page
        .url()
        .replace(/\/[^/]+\/profilo$/, "")
        .replace(/\/area$/, ""),
    );
    const downloadPromise = page.waitForEvent("download");
    await page.getByTestId("export-profiles-xlsx").click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^profili-rilevazione-\d+-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(readFileSync(await download.path())).buffer);
    let exported: unknown = null;
    workbook.getWorksheet("Profili")!.eachRow((row) => {
      if (row.getCell(1).value === "Comune di Godiasco Salice Terme") exported = row.getCell(4).value;
    });
    expect(Number(exported).toFixed(1)).toBe(Number(index).toFixed(1));
    await context.close();
  });
}

test("the referent of Godiasco sees the other comuni anonymised in the area view", async ({ browser }) => {
  const context = await browser.newContext({ locale: "it-IT" });
  const page = await context.newPage();
  await signIn(context, ACCOUNTS.referentOther);
  await page.goto("/maturita");
  await page.getByRole("link", { name: PHASE2_CYCLE_TITLE }).click();
  await page.getByRole("link", { name: "Quadro d'area" }).click();
  const heat = page.getByTestId("heat-map");
  await expect(heat).toContainText("Comune di Godiasco Salice Terme");
  await expect(heat).toContainText("Comune A");
  await expect(heat).not.toContainText("Zavattarello");
  await expect(page.getByRole("link", { name: "Comune di Varzi" })).toHaveCount(0);
  // Another comune's assessment: the same answer as a page that does not exist.
  const response = await page.goto(page.url().replace(/\/area$/, `/${VARZI}`));
  expect(response?.status()).toBe(404);
  await context.close();
});
