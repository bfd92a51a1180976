import { describe, expect, it } from "vitest";
import { cookieIsSecure, jobsEnabled, parseEnv, publicUrl } from "~/utils/env.server";

describe("environment", () => {
  it("refuses to start in production without the public URL, naming the variable", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/APP_URL: required in production/);
    expect(parseEnv({ NODE_ENV: "production", APP_URL: "https://capacitas.cmoltrepo.it" }).APP_URL).toBe(
      "https://capacitas.cmoltrepo.it",
    );
    expect(() => parseEnv({ NODE_ENV: "production", APP_URL: "capacitas.cmoltrepo.it" })).toThrow(/APP_URL/);
  });

  it("makes links from the configured origin only, whatever path it carries", () => {
    expect(publicUrl({ APP_URL: "https://capacitas.cmoltrepo.it/" })).toBe("https://capacitas.cmoltrepo.it");
    expect(publicUrl({ APP_URL: "https://capacitas.cmoltrepo.it/app/" })).toBe("https://capacitas.cmoltrepo.it");
    expect(publicUrl({ APP_URL: undefined })).toMatch(/^http:\/\/localhost:\d+$/);
  });

  it("marks cookies Secure only when the public URL is https", () => {
    expect(cookieIsSecure({ NODE_ENV: "production", APP_URL: "https://capacitas.cmoltrepo.it" })).toBe(true);
    expect(cookieIsSecure({ NODE_ENV: "production", APP_URL: "http://localhost:3000" })).toBe(false);
  });

  it("runs the scheduled jobs in production or with JOBS=on, never under tests", () => {
    expect(jobsEnabled({ NODE_ENV: "production", JOBS: undefined })).toBe(true);
    expect(jobsEnabled({ NODE_ENV: "production", JOBS: "off" })).toBe(false);
    expect(jobsEnabled({ NODE_ENV: "development", JOBS: undefined })).toBe(false);
    expect(jobsEnabled({ NODE_ENV: "development", JOBS: "on" })).toBe(true);
    expect(jobsEnabled({ NODE_ENV: "test", JOBS: "on" })).toBe(false);
    expect(() => parseEnv({ JOBS: "yes" })).toThrow(/JOBS/);
  });
});
