import { z } from "zod";

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.string().startsWith("file:").default("file:./prisma/dev.db"),
    /** secret(s) to sign the session cookie; comma-separated to rotate */
    SESSION_SECRET: z.string().min(16).optional(),
    /**
     * The public origin (e.g. https://capacitas.cmoltrepo.it): links in mails and PDFs are made
     * from it, never from the Host header; required in production; decides cookie security.
     */
    APP_URL: z.url().optional(),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default("Capacitas <noreply@capacitas.invalid>"),
    UPLOADS_DIR: z.string().default("./data/uploads"),
    LOG_LEVEL: z.enum(["silent", "info"]).default("info"),
    /** the scheduled jobs (app/jobs/): on by default in production only, never under tests */
    JOBS: z.enum(["on", "off"]).optional(),
  })
  .refine((env) => env.NODE_ENV !== "production" || env.APP_URL !== undefined, {
    path: ["APP_URL"],
    message: "required in production: the public origin links in mails and PDFs are made from",
  });

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** Validated environment; throws at boot with every bad variable named. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/**
 * Whether this process runs the scheduled jobs: `JOBS` decides when set, otherwise only
 * production does; tests never do (they call `runDueJobs` with a pinned clock instead).
 */
export function jobsEnabled(env: Pick<Env, "NODE_ENV" | "JOBS">): boolean {
  if (env.NODE_ENV === "test") return false;
  return env.JOBS ? env.JOBS === "on" : env.NODE_ENV === "production";
}

/**
 * Cookies are `Secure` and `__Host-` prefixed whenever the app is served over https. The
 * demo (`npm start`) and the e2e tests serve plain http on loopback, where a Secure cookie
 * would not be stored by every browser: see docs/decisions/004-session-cookie.md.
 */
export function cookieIsSecure(env: Pick<Env, "NODE_ENV" | "APP_URL">): boolean {
  if (env.APP_URL) return env.APP_URL.startsWith("https:");
  return false;
}

/**
 * The origin links sent out of the app are made from (invitations, certificate QR codes).
 * Never the request's Host header, which the client chooses (docs/security.md, "The door").
 * Outside production without APP_URL: the local server.
 */
export function publicUrl(env: Pick<Env, "APP_URL"> = getEnv()): string {
  const base = env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  return new URL(base).origin;
}
