import { ACCOUNTS, expect, test } from "./fixtures";

test("a cross-origin POST is refused before any action runs", async ({ request, baseURL }) => {
  const response = await request.post("/login", {
    headers: { Origin: "http://evil.example" },
    form: { email: ACCOUNTS.admin, password: "Capacitas-Demo-2026" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  expect(response.headers()["set-cookie"]).toBeUndefined();
  const sameSite = await request.post("/login", {
    headers: { Origin: baseURL! },
    form: { email: ACCOUNTS.admin, password: "Capacitas-Demo-2026" },
    maxRedirects: 0,
  });
  expect(sameSite.status()).toBe(302);
});

test("the door: other methods are 405, unreadable bodies 400, unknown URLs an Italian 404", async ({ request }) => {
  for (const method of ["PUT", "DELETE", "PATCH"]) {
    const response = await request.fetch("/login", { method, form: { email: ACCOUNTS.admin } });
    expect(response.status(), method).toBe(405);
    expect(response.headers()["allow"]).toBe("GET, HEAD, POST");
  }
  for (const [type, body] of [
    ["application/json", JSON.stringify({ email: ACCOUNTS.admin, password: "x" })],
    ["text/plain", "email=x"],
    ["multipart/form-data; boundary=abc", '--abc\r\nContent-Disposition: form-data; name="email"\r\n\r\nx'],
  ]) {
    const response = await request.post("/login", { headers: { "Content-Type": type! }, data: body });
    expect(response.status(), type).toBe(400);
    expect(await response.text(), type).toContain("Il modulo inviato non è leggibile");
  }
  const missing = await request.get("/non-esiste/davvero");
  expect(missing.status()).toBe(404);
  expect(await missing.text()).toContain("Pagina non trovata");
});

test("pages carry the security headers", async ({ request }) => {
  const response = await request.get("/login");
  const h = response.headers();
  expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["content-security-policy"]).toContain("object-src 'none'");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("same-origin");
  expect(h["cache-control"]).toBe("private, no-store");
  expect(h["x-powered-by"]).toBeUndefined();
});

test("the health route checks the database", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.text()).toBe("ok");
});

test("a learner gets the Italian 403 page on trainer, coordinator and admin pages", async ({ page, loginAs }) => {
  await loginAs(ACCOUNTS.learner);
  for (const url of ["/edizioni", "/cruscotto", "/persone", "/admin"]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(403);
    await expect(page.getByRole("heading", { name: "Accesso non consentito" })).toBeVisible();
  }
});

test("a trainer gets 403 on coordinator and admin pages", async ({ page, loginAs }) => {
  await loginAs(ACCOUNTS.trainer);
  for (const url of ["/cruscotto", "/persone", "/persone/nuova", "/admin"]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(403);
  }
  // Trainers may facilitate ICT phase 2, so its two screens are in their menu too.
  await expect(page.getByRole("navigation", { name: "Navigazione principale" }).getByRole("link")).toHaveText([
    "Le mie edizioni",
    "Maturità digitale",
    "Fabbisogni",
    "Catalogo del riuso",
  ]);
});

test("an unknown page answers 404 in Italian", async ({ page, loginAs }) => {
  await loginAs(ACCOUNTS.learner);
  const response = await page.goto("/non-esiste");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Pagina non trovata" })).toBeVisible();
});

test("the language can be switched to English", async ({ page, loginAs }) => {
  await loginAs(ACCOUNTS.learner);
  await page.goto("/percorso");
  await page.getByLabel("Lingua").selectOption("en");
  await page.getByRole("button", { name: "Cambia lingua" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "My path" })).toBeVisible();
});
