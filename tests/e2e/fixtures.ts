import { randomBytes } from "node:crypto";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { createCookie } from "@remix-run/node";
import Database from "better-sqlite3";

import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../prisma/seed-data/demo-accounts";

export { DEMO_ACCOUNTS as ACCOUNTS, DEMO_PASSWORD };

/** Logs in through the real form: only for the tests of the login form itself. */
export async function loginWithForm(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Accedi" }).click();
}

const cookie = createCookie("capacitas_session", {
  secrets: [process.env.SESSION_SECRET ?? "e2e-secret-of-at-least-sixteen-chars"],
});

/** Logs in by creating a session row in the e2e database and setting its signed cookie. */
export async function signIn(context: BrowserContext, email: string) {
  const db = new Database(path.resolve("prisma/e2e.db"));
  try {
    const user = db.prepare("SELECT id FROM User WHERE email = ?").get(email) as { id: number } | undefined;
    if (!user) throw new Error(`No such demo account: ${email}`);
    const id = randomBytes(32).toString("base64url");
    const now = Date.now();
    db.prepare("INSERT INTO AuthSession (id, userId, createdAt, lastSeenAt, expiresAt) VALUES (?, ?, ?, ?, ?)").run(
      id,
      user.id,
      now,
      now,
      now + 24 * 3600 * 1000,
    );
    const value = (await cookie.serialize(id)).split(";")[0].split("=").slice(1).join("=");
    await context.addCookies([
      {
        name: "capacitas_session",
        value,
        url: `http://127.0.0.1:${process.env.E2E_PORT ?? 3210}`,
        httpOnly: true,
        sameSite: "Lax",
      },
    ]);
  } finally {
    db.close();
  }
}

export const test = base.extend<{ loginAs: (email: string) => Promise<void> }>({
  loginAs: async ({ page }, use) => {
    await use((email) => signIn(page.context(), email));
  },
});
export { expect };

/** Axe's WCAG 2.1 A and AA rules on the page as it is now: no violation, one line per rule if any. */
export async function expectAxeClean(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    label,
  ).toEqual([]);
}

/** Nothing wider than the phone's screen: no sideways scrolling (wide tables scroll in their box). */
export async function expectNoSidewaysScroll(page: Page, label: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${label} scrolls sideways`).toBeLessThanOrEqual(0);
}

/**
 * Axe at desktop and phone width, and no sideways scrolling on the phone. Axe runs in the
 * page, so a context without JavaScript is checked in another run: the DOM is the same.
 */
export async function expectAccessible(page: Page, label: string) {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await expectAxeClean(page, `${label} at ${width} px`);
    if (width === 375) await expectNoSidewaysScroll(page, `${label} at 375 px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
