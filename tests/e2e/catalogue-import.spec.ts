import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ACCOUNTS, expect, expectAccessible, signIn, test } from "./fixtures";

const VALIDATOR = join(process.cwd(), "tests/fixtures/publiccode-validator/v0");
const VALID = readFileSync(join(VALIDATOR, "valid/valid.minimal.yml"), "utf8");
const INVALID = readFileSync(join(VALIDATOR, "invalid/categories_invalid.yml"), "utf8");

for (const javaScriptEnabled of [true, false]) {
  test(`the facilitator imports a valid and an invalid publiccode.yml and reads each file's status ${javaScriptEnabled ? "with" : "without"} JavaScript`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled, locale: "it-IT" });
    const page = await context.newPage();
    await signIn(context, ACCOUNTS.facilitator);
    await page.goto("/catalogo/importa");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Importa nel catalogo del riuso");
    // The demo seed imported the 36 real files as this facilitator.
    await expect(page.getByTestId("recent-imports")).toContainText("36 file");
    if (javaScriptEnabled) await expectAccessible(page, "catalogue import");

    // An odd file is refused next to the field, nothing imported.
    await page.getByLabel("File publiccode.yml o esportazione JSON").setInputFiles({
      name: "note.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("nome: x"),
    });
    await page.getByRole("button", { name: "Importa" }).click();
    await expect(page.getByRole("alert")).toContainText("non è un file .yml");
    await expect(page).toHaveURL(/\/catalogo\/importa(\?index)?$/);

    // Bytes of their own per run: the same bytes twice would be "unchanged".
    const tag = `\n# e2e ${javaScriptEnabled ? "js" : "nojs"} ${Date.now()}\n`;
    await page.getByLabel("File publiccode.yml o esportazione JSON").setInputFiles([
      { name: "valido.publiccode.yml", mimeType: "application/yaml", buffer: Buffer.from(VALID + tag) },
      { name: "non-valido.publiccode.yml", mimeType: "application/yaml", buffer: Buffer.from(INVALID + tag) },
    ]);
    await page.getByRole("button", { name: "Importa" }).click();
    await expect(page).toHaveURL(/\/catalogo\/importa\/\d+$/);
    await expect(page.getByTestId("batch-status")).toHaveText("Completata");
    await expect(page.getByTestId("count-processed")).toHaveText("2");
    const files = page.getByTestId("batch-file");
    await expect(files).toHaveCount(2);
    const valid = files.filter({ hasText: "valido.publiccode.yml" }).first();
    const invalid = files.filter({ hasText: "non-valido.publiccode.yml" });
    await expect(valid.getByTestId("file-status")).toHaveText("Importato");
    await expect(invalid.getByTestId("file-status")).toHaveText("Importato con problemi");
    // The issue names its key, line and column, in Italian.
    const row = invalid.getByRole("row").filter({ hasText: "categories" }).first();
    await expect(row).toContainText("Errore");
    await expect(row.getByRole("rowheader")).toHaveText(/^categories/);
    if (javaScriptEnabled) await expectAccessible(page, "catalogue import batch");
    await context.close();
  });
}
