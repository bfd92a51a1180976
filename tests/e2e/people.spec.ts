import { ACCOUNTS, expect, signIn, test } from "./fixtures";

test.describe("people table and new accounts (coordinator)", () => {
  for (const javaScriptEnabled of [true, false]) {
    test(`sorts, filters and pages from the URL ${javaScriptEnabled ? "with" : "without"} JavaScript`, async ({
      browser,
    }) => {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await signIn(context, ACCOUNTS.coordinator);
      await page.goto("/persone");
      const table = page.getByTestId("people-table");
      await expect(table.locator("tbody tr")).toHaveCount(25);

      await page.getByTestId("sort-organisation").click();
      await expect(page).toHaveURL(/sort=organisation&dir=asc/);
      await expect(table.locator("tbody tr").first().locator("td").nth(1)).toHaveText(
        "Agenzia formativa del programma",
      );
      await page.getByTestId("sort-organisation").click();
      await expect(page).toHaveURL(/sort=organisation&dir=desc/);
      await expect(table.locator("tbody tr").first().locator("td").nth(1)).toHaveText(
        "Comunità Montana dell'Oltrepò Pavese",
      );

      await page.getByLabel("Ruolo", { exact: true }).selectOption("ADMINISTRATOR");
      await page.getByLabel("Ente").selectOption({ label: "Comune di Varzi" });
      await page.getByRole("button", { name: "Filtra" }).click();
      await expect(page).toHaveURL(/position=ADMINISTRATOR/);
      const rows = table.locator("tbody tr");
      // With JavaScript the URL can change a moment before the new rows render: count only
      // once no row of another organisation is left.
      await expect(
        rows.filter({ hasNot: page.getByRole("cell", { name: "Comune di Varzi", exact: true }) }),
      ).toHaveCount(0);
      const count = await rows.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i++) {
        await expect(rows.nth(i).locator("td").nth(1)).toHaveText("Comune di Varzi");
        await expect(rows.nth(i).locator("td").nth(2)).toHaveText("Amministratore");
      }

      await page.goto("/persone?size=10");
      await page.getByRole("link", { name: "Successiva" }).click();
      await expect(page).toHaveURL(/page=2/);
      await expect(page.getByTestId("table-page")).toHaveText(/Pagina 2 di \d+/);
      await context.close();
    });
  }

  test("bad parameters answer 400 with an Italian message", async ({ page, loginAs }) => {
    await loginAs(ACCOUNTS.coordinator);
    const response = await page.goto("/persone?page=0&sort=stipendio");
    expect(response?.status()).toBe(400);
    await expect(page.getByRole("heading", { name: "Richiesta non valida" })).toBeVisible();
    await expect(page.getByTestId("error-details")).toContainText("Il numero di pagina parte da 1.");
    await expect(page.getByTestId("error-details")).toContainText("Colonna di ordinamento non valida.");
  });

  test("a coordinator creates a person with an account; the person sets a password and logs in", async ({
    page,
    loginAs,
    browser,
  }) => {
    await loginAs(ACCOUNTS.coordinator);
    await page.goto("/persone/nuova");
    await page.getByRole("button", { name: "Crea la persona" }).click();
    await expect(page.getByText("Inserisci il nome.")).toBeVisible();

    await page.getByLabel("Nome", { exact: true }).fill("Teresa");
    await page.getByLabel("Cognome").fill("Quaroni");
    await page.getByLabel("Email").fill("teresa.quaroni@comune.menconico.pv.it");
    await page.getByLabel("Ente").selectOption({ label: "Comune di Menconico" });
    await page.getByLabel("Ruolo nel programma").selectOption("EMPLOYEE");
    await page.getByLabel("Ufficio").fill("Protocollo");
    await page.getByLabel("Anno di nascita").fill("1984");
    await page.getByLabel("Crea anche l'account").check();
    await page.getByRole("button", { name: "Crea la persona" }).click();
    await expect(page.getByTestId("person-created")).toContainText("Teresa Quaroni");
    const link = (await page.getByTestId("password-link").innerText()).trim();

    const guest = await browser.newContext();
    const newcomer = await guest.newPage();
    await newcomer.goto(link);
    await newcomer.getByLabel("Nuova password").fill("Menconico e le sue frazioni");
    await newcomer.getByLabel("Ripeti la password").fill("Menconico e le sue frazioni");
    await newcomer.getByRole("button", { name: "Imposta la password" }).click();
    await expect(newcomer.getByText("Password impostata. Ora puoi accedere.")).toBeVisible();
    await newcomer.getByLabel("Email").fill("teresa.quaroni@comune.menconico.pv.it");
    await newcomer.getByLabel("Password").fill("Menconico e le sue frazioni");
    await newcomer.getByRole("button", { name: "Accedi" }).click();
    await expect(newcomer).toHaveURL(/\/percorso$/);
    await guest.close();

    await page.goto("/persone?q=Quaroni");
    await expect(page.getByTestId("people-table")).toContainText("Teresa");
  });
});
