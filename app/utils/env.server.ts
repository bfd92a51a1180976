import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().startsWith("file:").default("file:./prisma/dev.db"),
  /** secret(s) to sign the session cookie; comma-separated to rotate */
  SESSION_SECRET: z.string().min(16).optional(),
  /** public https origin in production (e.g. https://capacitas.cmoltrepo.it); decides cookie security */
  APP_URL: z.url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Capacitas <noreply@capacitas.invalid>"),
  UPLOADS_DIR: z.string().default("./data/uploads"),
  LOG_LEVEL: z.enum(["silent", "info"]).default("info"),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** Validated environment; throws at boot with every bad variable named. */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
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
