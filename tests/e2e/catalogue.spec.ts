// The reuse catalogue in the browser, with and without JavaScript, on the demo seed (the 36
// real publiccode.yml files of tests/fixtures/publiccode-catalogue and the national platforms):
// a search, a filter by national platform, a card with its conformance issues and its file.
import { ACCOUNTS, expect, expectAccessible, signIn, test } from "./fixtures";

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? "con JS" : "senza JS";

  test(`a facilitator searches the catalogue and opens a card with its issues ${mode}`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled, locale: "it-IT" });
    const page = await context.newPage();
    await signIn(context, ACCOUNTS.facilitator);
    await page.goto("/edizioni");
    await page
      .getByRole("navigation", { name: "Navigazione principale" })
      .getByRole("link", { name: "Catalogo del riuso" })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "Catalogo del riuso" })).toBeVisible();
    await expect(page.getByTestId("catalogue-count")).toContainText("soluzioni");
    if (javaScriptEnabled) await expectAccessible(page, "catalogo");

    await page.getByLabel("Cerca nel nome e nelle descrizioni").fill("segnalazioni");
    await page.getByRole("button", { name: "Filtra" }).click();
    await expect(page).toHaveURL(/q=segnalazioni/);
    const results = page.getByTestId("catalogue-results");
    await expect(results.getByRole("link", { name: "SIGEO" })).toBeVisible();

    await results.getByRole("link", { name: "SIGEO" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "SIGEO" })).toBeVisible();
    await expect(page.getByText("Riuso PA").first()).toBeVisible();
    await expect(page.getByTestId("urls-unverified")).toBeVisible();
    const issues = page.getByTestId("issues-table");
    await expect(issues).toBeVisible();
    await expect(issues.locator("tbody tr").first()).toBeVisible();
    await expect(issues.getByRole("columnheader", { name: "Riga" })).toBeVisible();
    await page.getByText("Mostra il file publiccode.yml originale").click();
    await expect(page.getByTestId("raw-yaml")).toContainText("name: SIGEO");
    if (javaScriptEnabled) await expectAccessible(page, "scheda SIGEO");
    await context.close();
  });

  test(`a referent filters the catalogue by a national platform and pages back ${mode}`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled, locale: "it-IT" });
    const page = await context.newPage();
    await signIn(context, ACCOUNTS.referent);
    await page.goto("/catalogo");
    await page.getByLabel("Piattaforma nazionale").selectOption("pagopa");
    await page.getByLabel("Conformità").selectOption("VALID");
    await page.getByRole("button", { name: "Filtra" }).click();
    await expect(page).toHaveURL(/piattaforma=pagopa/);
    const results = page.getByTestId("catalogue-results");
    await expect(results.getByRole("link", { name: "ComunicaPA" })).toBeVisible();
    await expect(results.getByText("pagoPA").first()).toBeVisible();
    // The filters stay in the form after the reload.
    await expect(page.getByLabel("Piattaforma nazionale")).toHaveValue("pagopa");

    await page.goto("/catalogo?piattaforma=pdnd&tipo=GOOD_PRACTICE&conformita=INVALID");
    await expect(page.getByTestId("catalogue-empty")).toContainText("Nessuna soluzione");

    const bad = await page.goto("/catalogo?piattaforma=fax");
    expect(bad?.status()).toBe(400);
    await expect(page.getByText("Piattaforma nazionale non valida.")).toBeVisible();
    const missing = await page.goto("/catalogo/99999999999999999999");
    expect(missing?.status()).toBe(404);
    await context.close();
  });
}
