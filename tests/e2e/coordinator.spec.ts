import AxeBuilder from "@axe-core/playwright";
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { ACCOUNTS, expect, signIn, test } from "./fixtures";

for (const javaScriptEnabled of [true, false]) {
  test(`a coordinator filters the dashboard by body and role and downloads the XLSX ${javaScriptEnabled ? "with" : "without"} JavaScript`, async ({ browser }) => {
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

test("coordinator pages pass the WCAG 2.1 A/AA checks", async ({ page, loginAs }) => {
  await loginAs(ACCOUNTS.coordinator);
  for (const url of ["/cruscotto", "/cruscotto/persone", "/cruscotto/enti", "/cruscotto/report", "/persone", "/persone/nuova"]) {
    await page.goto(url);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), url).toEqual([]);
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
