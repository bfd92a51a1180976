/**
 * Form parsing on the server: every action parses its form with Conform against a zod
 * schema, and checks that need the database run inside that schema (the Epic Stack's
 * `_auth/login.tsx` pattern), so every failure comes back in one shape — Conform's reply,
 * with each message next to its field.
 */
import type { z } from "zod";
import type { FieldErrors } from "./http.server";

/**
 * The schema plus an asynchronous check of the parsed value against the database. The check
 * answers field errors ("" for the whole form), usually from the model that will write.
 * Parse with `parseWithZod(formData, { schema, async: true })`.
 */
export function withChecks<T extends z.ZodType>(schema: T, check: (value: z.output<T>) => Promise<FieldErrors>) {
  return schema.superRefine(async (value, ctx) => {
    for (const [field, messages] of Object.entries(await check(value))) {
      for (const message of messages) ctx.addIssue({ code: "custom", path: field ? [field] : [], message });
    }
  });
}
