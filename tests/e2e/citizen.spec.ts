// The citizens' public pages in a browser, with and without JavaScript (spec PHASE2 §5.2,
// §12): from the footer link to the receipt and its status page, the published list and
// "Anche per me", and axe on every page, at phone width too. The demo seed gives Comune di
// Varzi requests in every status and Godiasco Salice Terme at least three published ones.
// NOTE: every browser test comes from one address, and the form takes 5 requests an hour
// from an address: these tests send two (one per JavaScript mode), nothing more.
import path from "node:path";
import Database from "better-sqlite3";
import { expect, expectAxeClean, expectNoSidewaysScroll, test } from "./fixtures";

const VARZI = "018171";
const GODIASCO = "018073";
/** The form refuses what is sent sooner than a person can fill it (4 s). */
const MIN_FILL_MS = 4000;

/** A receipt code of the seed's requests of a comune in a status (the seed writes them). */
function seedCode(istat: string, where: string): string {
  const db = new Database(path.resolve("prisma/e2e.db"), { readonly: true });
  try {
    const row = db
      .prepare(
        `SELECT r.receiptCode AS code FROM CitizenRequest r JOIN Organisation o ON o.id = r.organisationId
         WHERE o.istatCode = ? AND ${where} ORDER BY r.id LIMIT 1`,
      )
      .get(istat) as { code: string } | undefined;
    if (!row) throw new Error(`The demo seed has no request of ${istat} where ${where}`);
    return row.code;
  } finally {
    db.close();
  }
}

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? "with" : "without";

  test(`a citizen sends a request from /segnala for Varzi and follows it with the receipt code ${mode} JavaScript`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled, locale: "it-IT" });
    const page = await context.newPage();
    // A phrase no summary of the seed holds: the pages must not show it.
    const marker = `segnalazione di prova ${mode} JavaScript`;
    const text = `Vorrei prenotare online il trasporto scolastico, oggi si fa solo allo sportello (${marker}).`;

    // Citizens have no account: the footer of every page leads to the form.
    await page.goto("/login");
    await page.getByRole("link", { name: "Segnala un bisogno al tuo comune" }).click();
    await expect(page).toHaveURL(/\/segnala$/);
    await page.getByRole("link", { name: "Comune di Varzi" }).click();
    await expect(page).toHaveURL(new RegExp(`/segnala/${VARZI}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Segnala un bisogno: Comune di Varzi");

    // Sent empty: the errors show next to the fields, listed on top (without JavaScript the
    // server answers 400 with the same messages; nothing is stored either way).
    await page.getByRole("button", { name: "Invia la richiesta" }).click();
    await expect(page.getByTestId("error-summary")).toContainText("La richiesta non è stata inviata");
    await expect(page.getByText("Scegli l'argomento della richiesta.")).toBeVisible();
    await expect(page.getByText("Per inviare la richiesta conferma di aver letto l'informativa.")).toBeVisible();
    await expect(page.getByLabel("Argomento")).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(new RegExp(`/segnala/${VARZI}(\\?index)?$`));

    await page.getByLabel("Argomento").selectOption({ label: "Scuola e servizi all'infanzia" });
    await page.getByLabel("Che cosa vorresti poter fare online, o che cosa oggi è difficile?").fill(text);
    await page.getByLabel("Come contatti oggi il comune per questo? (facoltativo)").fill("Allo sportello");
    await page.getByLabel("65 anni e più").check();
    await page.getByLabel("Ho letto l'informativa sul trattamento dei dati.").check();
    await page.waitForTimeout(MIN_FILL_MS + 500);
    await page.getByRole("button", { name: "Invia la richiesta" }).click();

    await expect(page).toHaveURL(/\/segnala\/stato\/[0-9A-HJKMNP-TV-Z]{10}\?nuova=1$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Richiesta inviata");
    await expect(page.getByTestId("receipt-new")).toContainText("Conserva questo codice");
    const code = (await page.getByTestId("receipt-code").innerText()).trim();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    await expect(page.getByTestId("receipt-status")).toHaveText(/Ricevuta: in attesa di moderazione/);
    await expect(page.getByTestId("moderation-target")).toContainText("10 giorni lavorativi");
    expect(await page.content()).not.toContain(marker);

    // Later: the code typed loosely on /segnala opens the status page.
    await page.goto("/segnala");
    await page.getByLabel("Codice della richiesta").fill(` ${code.slice(0, 5).toLowerCase()}-${code.slice(5)} `);
    await page.getByRole("button", { name: "Controlla" }).click();
    await expect(page).toHaveURL(new RegExp(`/segnala/stato/${code}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Stato della richiesta");
    await expect(page.getByTestId("receipt-status")).toHaveText(/Ricevuta: in attesa di moderazione/);

    // Not published before a moderator approves it: the list counts it as waiting, without the text.
    await page.getByRole("link", { name: "Leggi le richieste già pubblicate per Comune di Varzi" }).click();
    await expect(page).toHaveURL(new RegExp(`/segnala/${VARZI}/richieste$`));
    await expect(page.getByTestId("pending-count")).toContainText("in attesa di moderazione");
    expect(await page.content()).not.toContain(marker);
    await context.close();
  });

  test(`the published list of Godiasco Salice Terme shows summaries and "Anche per me" counts once a day ${mode} JavaScript`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled, locale: "it-IT" });
    const page = await context.newPage();
    await page.goto("/segnala");
    await page.getByRole("link", { name: "Comune di Godiasco Salice Terme" }).click();
    await page
      .getByRole("link", { name: "Leggi le richieste già pubblicate per Comune di Godiasco Salice Terme" })
      .click();
    await expect(page).toHaveURL(new RegExp(`/segnala/${GODIASCO}/richieste$`));
    const items = page.getByTestId("published-request");
    // The HTML arrives in chunks: count once the list is whole.
    await expect.poll(() => items.count()).toBeGreaterThanOrEqual(3);
    await expect(items.first().getByTestId("published-summary")).not.toBeEmpty();

    // Press on the first one this browser has not supported yet (the other mode may have pressed one).
    const first = items.filter({ has: page.getByRole("button", { name: "Anche per me" }) }).first();
    const id = await first.getAttribute("id");
    const item = page.locator(`#${id}`);
    const before = Number((await item.getByTestId("support-count").innerText()).match(/\d+/)?.[0] ?? 0);
    await item.getByRole("button", { name: "Anche per me" }).click();
    await expect(page).toHaveURL(new RegExp(`sostenuta=\\d+#${id}$`));
    await expect(item.getByTestId("support-outcome")).toHaveText("Grazie: abbiamo contato il tuo «Anche per me».");
    await expect(item.getByTestId("support-count")).toContainText(String(before + 1));
    await expect(item.getByRole("button", { name: "Anche per me" })).toHaveCount(0);
    await expect(item).toContainText("Hai già detto «Anche per me» oggi");

    // Pressed again the same day (a page left open): counted once, and the citizen is told.
    const requestId = id!.replace("richiesta-", "");
    const again = await context.request.post(`/segnala/${GODIASCO}/richieste`, {
      form: { requestId },
      maxRedirects: 0,
    });
    expect(again.status()).toBe(302);
    expect(again.headers()["location"]).toBe(`/segnala/${GODIASCO}/richieste?gia=${requestId}#${id}`);
    await page.goto(`/segnala/${GODIASCO}/richieste?gia=${requestId}`);
    await expect(page.locator(`#${id}`).getByTestId("support-outcome")).toContainText(
      "Hai già detto «Anche per me» per questa richiesta oggi",
    );
    await expect(page.locator(`#${id}`).getByTestId("support-count")).toContainText(String(before + 1));
    await context.close();
  });
}

test("the status page of the seed's requests in every status, and the 404s, in Italian", async ({ page }) => {
  const cases: [string, RegExp][] = [
    ["r.status = 'RECEIVED'", /Ricevuta: in attesa di moderazione/],
    ["r.status = 'APPROVED' AND r.needId IS NULL", /^\s*✓?\s*Pubblicata$/],
    ["r.status = 'REJECTED' AND r.rejectReason IS NOT NULL", /Non pubblicata: /],
    ["r.status = 'MERGED'", /Unita a un'altra richiesta/],
    ["r.needId IS NOT NULL", /Inserita nel fabbisogno «.+»/],
  ];
  for (const [where, status] of cases) {
    const code = seedCode(VARZI, where);
    await page.goto(`/segnala/stato/${code}`);
    await expect(page.getByTestId("receipt-status"), where).toHaveText(status);
    const text = seedText(code);
    expect(await page.content(), where).not.toContain(text.slice(0, 40));
  }
  for (const url of ["/segnala/stato/0000000000", "/segnala/stato/abc"]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Richiesta non trovata");
  }
  for (const url of ["/segnala/999999", "/segnala/abc/richieste"]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Comune non trovato");
  }
});

/** The text a citizen wrote (read from the database, to prove the page does not show it). */
function seedText(code: string): string {
  const db = new Database(path.resolve("prisma/e2e.db"), { readonly: true });
  try {
    return (db.prepare("SELECT text FROM CitizenRequest WHERE receiptCode = ?").get(code) as { text: string }).text;
  } finally {
    db.close();
  }
}

test("axe finds nothing on the citizens' pages, at desktop and at phone width (375 px)", async ({ page }) => {
  // Ten pages at two widths, each analysed by axe: longer than one page's test.
  test.setTimeout(120_000);
  const urls = [
    "/segnala",
    `/segnala/${VARZI}`,
    `/segnala/${VARZI}/richieste`,
    `/segnala/${GODIASCO}/richieste`,
    "/segnala/stato",
    "/segnala/stato?codice=abc",
    `/segnala/stato/${seedCode(VARZI, "r.status = 'RECEIVED'")}?nuova=1`,
    `/segnala/stato/${seedCode(VARZI, "r.status = 'APPROVED'")}`,
    "/segnala/stato/0000000000",
    "/segnala/999999",
  ];
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    for (const url of urls) {
      await page.goto(url);
      await expectAxeClean(page, `${url} at ${width} px`);
      if (width === 375) await expectNoSidewaysScroll(page, url);
    }
  }
  // The form with its errors shown (JavaScript validates before sending).
  await page.goto(`/segnala/${VARZI}`);
  await page.getByRole("button", { name: "Invia la richiesta" }).click();
  await expect(page.getByText("Scegli l'argomento della richiesta.")).toBeVisible();
  await expectAxeClean(page, "the form with errors at 375 px");
});
