import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { ACCOUNTS, expect, expectAxeClean, signIn, test } from "./fixtures";

for (const javaScriptEnabled of [true, false]) {
  test(`a coordinator filters the dashboard by body and role and downloads the XLSX ${javaScriptEnabled ? "with" : "without"} JavaScript`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled, locale: "it-IT", acceptDownloads: true });
    const page = await context.newPage();
    await signIn(context, ACCOUNTS.coordinator);
    await page.goto("/cruscotto");
    const total = Number(await page.getByTestId("tile-participants").innerText());
    expect(total).toBeGreaterThan(100);

    await page.getByLabel("Ente", { exact: true }).selectOption({ label: "Comune di Varzi" });
    await page.getByLabel("Ruolo", { exact: true }).selectOption("EMPLOYEE");
    await page.getByRole("button", { name: "Applica" }).click();
    await expect(page).toHaveURL(/org=\d+/);
    await expect(page).toHaveURL(/position=EMPLOYEE/);
    await expect(page.getByTestId("tile-participants")).not.toHaveText(String(total));
    const filtered = Number(await page.getByTestId("tile-participants").innerText());
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(total);
    await expect(page.getByTestId("by-body").locator("tbody tr")).toHaveCount(1);
    await expect(page.getByTestId("by-body")).toContainText("Comune di Varzi");

    const downloadPromise = page.waitForEvent("download");
    await page.getByTestId("export-xlsx").click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^indicatori-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(readFileSync(await download.path())).buffer);
    let participants: unknown = null;
    workbook.getWorksheet("Riepilogo")!.eachRow((row) => {
      if (row.getCell(1).value === "Partecipanti") participants = row.getCell(2).value;
    });
    expect(participants).toBe(filtered);

    await page.getByTestId("report-link").click();
    await expect(page.getByTestId("report-filters")).toContainText("Comune di Varzi");
    await expect(page.getByTestId("tile-participants")).toHaveText(String(filtered));
    await context.close();
  });
}

for (const javaScriptEnabled of [true, false]) {
  test(`a coordinator imports a roster, enrols the new people and finds them on the dashboard ${javaScriptEnabled ? "with" : "without"} JavaScript`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled, locale: "it-IT" });
    const page = await context.newPage();
    await signIn(context, ACCOUNTS.coordinator);
    const tag = javaScriptEnabled ? "js" : "nojs";
    const header = "nome;cognome;email;ente;ruolo;carica;ufficio;genere;anno_nascita;titolo_studio;edizione;account";
    const rows = [
      `Ornella;Bergonzi;ornella.bergonzi.${tag}@comune.cecima.pv.it;Comune di Cecima;dipendente;Istruttore amministrativo;Segreteria;F;1979;diploma;;no`,
      `Walter;Cavanna;walter.cavanna.${tag}@comune.cecima.pv.it;018042;dipendente;Istruttore tecnico;Ufficio tecnico;M;1968;laurea;;no`,
      `Ivana;Delucchi;ivana.delucchi.${tag}@comune.cecima.pv.it;Comune di Cecima;dipendente;Collaboratore;Tributi;F;1990;diploma;;no`,
    ];

    // One bad row among valid ones: nothing is imported, the row is named by its line.
    await page.goto("/persone/importa");
    await page.getByLabel("File CSV o XLSX").setInputFiles({
      name: "elenco.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        [header, rows[0], `Nome;Sbagliato;non-una-email;Comune di Atlantide;sindaco;;;;;;;`, rows[1]].join("\n"),
      ),
    });
    await page.getByRole("button", { name: "Controlla il file" }).click();
    await expect(page.getByText("Il file ha 1 riga da correggere: nessuna persona è stata importata.")).toBeVisible();
    await expect(page.getByRole("table").filter({ hasText: "Problema" })).toContainText("3");

    // All valid: preview, then commit.
    await page
      .getByLabel("File CSV o XLSX")
      .setInputFiles({ name: "elenco.csv", mimeType: "text/csv", buffer: Buffer.from([header, ...rows].join("\n")) });
    await page.getByRole("button", { name: "Controlla il file" }).click();
    await expect(page.getByText("Tutte le 3 righe del file sono corrette.")).toBeVisible();
    await page.getByRole("button", { name: "Importa 3 righe" }).click();
    await expect(page.getByText("3 persone nuove registrate")).toBeVisible();

    // Enrol them in bulk: employees of the Comune di Cecima into the communication edition.
    await page.goto("/gestione/edizioni");
    await page.getByRole("link", { name: "OLT-COM-2026" }).click();
    const bulk = page.getByRole("group", { name: "Iscrivi in blocco" });
    await bulk.getByLabel("Ente").selectOption({ label: "Comune di Cecima" });
    await bulk.getByLabel("Ruolo").selectOption("EMPLOYEE");
    await page.getByRole("button", { name: "Iscrivi tutte" }).click();
    await expect(page.getByText(/persone? iscritt[ae]\./).first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Bergonzi Ornella" }).first()).toBeVisible();

    // On the dashboard, filtered by the body and the role.
    await page.goto("/cruscotto");
    await page.getByLabel("Ente", { exact: true }).selectOption({ label: "Comune di Cecima" });
    await page.getByLabel("Ruolo", { exact: true }).selectOption("EMPLOYEE");
    await page.getByRole("button", { name: "Applica" }).click();
    await expect(page).toHaveURL(/position=EMPLOYEE/);
    await expect(page.getByTestId("by-body")).toContainText("Comune di Cecima");
    await page.goto("/cruscotto/persone?q=Bergonzi");
    await expect(page.getByTestId("people-view")).toContainText("Bergonzi Ornella");
    await context.close();
  });
}

test("coordinator pages pass the WCAG 2.1 A/AA checks", async ({ page, loginAs }) => {
  // Several pages, each analysed in full: three times the default time.
  test.slow();
  await loginAs(ACCOUNTS.coordinator);
  for (const url of [
    "/cruscotto",
    "/cruscotto/persone",
    "/cruscotto/enti",
    "/cruscotto/report",
    "/persone",
    "/persone/nuova",
    "/persone/importa",
    "/gestione/edizioni",
  ]) {
    await page.goto(url);
    await expectAxeClean(page, url);
  }
});

test("another area's coordinator sees nothing of the Oltrepò", async ({ page, loginAs }) => {
  await loginAs("coordinatore.valchiavenna@capacitas.example");
  await page.goto("/cruscotto");
  await expect(page.getByTestId("by-body")).not.toContainText("Comune di Varzi");
  const csv = await page.request.get("/cruscotto/esporta/persone-moduli.csv");
  expect(await csv.text()).not.toContain("Comune di Varzi");
  const people = await page.goto("/persone?q=Ferrari");
  expect(people?.status()).toBe(200);
  await expect(page.getByTestId("people-table")).not.toContainText("Varzi");
});
