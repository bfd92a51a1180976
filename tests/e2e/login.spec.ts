import { ACCOUNTS, expect, loginWithForm, test } from "./fixtures";

const HOMES = [
  { who: "learner", email: ACCOUNTS.learner, url: /\/percorso$/, heading: "Il mio percorso" },
  { who: "administrator (mayor)", email: ACCOUNTS.administrator, url: /\/percorso$/, heading: "Il mio percorso" },
  { who: "trainer", email: ACCOUNTS.trainer, url: /\/edizioni$/, heading: "Le mie edizioni" },
  { who: "coordinator", email: ACCOUNTS.coordinator, url: /\/cruscotto$/, heading: "Cruscotto" },
  { who: "admin", email: ACCOUNTS.admin, url: /\/admin$/, heading: "Amministrazione" },
];

for (const javaScriptEnabled of [true, false]) {
  test.describe(`login ${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    test.use({ javaScriptEnabled });

    for (const home of HOMES) {
      test(`the ${home.who} logs in and lands on their home`, async ({ page }) => {
        await loginWithForm(page, home.email);
        await expect(page).toHaveURL(home.url);
        await expect(page.getByRole("heading", { level: 1, name: home.heading })).toBeVisible();
        await expect(page.locator("html")).toHaveAttribute("lang", "it");
      });
    }

    test("a wrong password and an unknown account get the same message", async ({ page }) => {
      await loginWithForm(page, ACCOUNTS.learner, "password-sbagliata");
      await expect(page.getByText("Email o password non corretti.")).toBeVisible();
      await loginWithForm(page, "nessuno@capacitas.example", "password-sbagliata");
      await expect(page.getByText("Email o password non corretti.")).toBeVisible();
      await expect(page).toHaveURL(/\/login/);
    });

    test("logging out ends the session", async ({ page }) => {
      await loginWithForm(page, ACCOUNTS.trainer);
      await page.getByRole("button", { name: "Esci" }).click();
      await expect(page.getByText("Sei uscito da Capacitas.")).toBeVisible();
      await page.goto("/edizioni");
      await expect(page).toHaveURL(/\/login\?redirectTo=%2Fedizioni/);
    });
  });
}

test("after login the user goes back to the page they asked for", async ({ page }) => {
  await page.goto("/persone?position=ADMINISTRATOR");
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
  await page.getByLabel("Email").fill(ACCOUNTS.coordinator);
  await page.getByLabel("Password").fill("Capacitas-Demo-2026");
  await page.getByRole("button", { name: "Accedi" }).click();
  await expect(page).toHaveURL(/\/persone\?position=ADMINISTRATOR$/);
});
