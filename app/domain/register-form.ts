/**
 * The attendance register form: `status-<personId>`, `minutes-<personId>`, `mode-<personId>`
 * per learner, and the button pressed (`intent`: save, or "all present"). Rows left on
 * "— choose —" are skipped; every other row must be valid or nothing is saved. Minutes are
 * capped by the session's length; absent, justified and not-expected rows count 0 minutes.
 */
import { z } from "zod";
import { ATTENDANCE_STATUSES } from "~/domain/trainer-schema";

export type RegisterRow = {
  personId: number;
  status: (typeof ATTENDANCE_STATUSES)[number];
  minutes: number;
  mode: "PRESENCE" | "ONLINE" | null;
};

const RowSchema = z.object({
  status: z.enum(ATTENDANCE_STATUSES, { error: "Scegli la presenza." }),
  minutes: z.coerce
    .number({ error: "Minuti non validi." })
    .int("I minuti devono essere un numero intero.")
    .min(0, "I minuti non possono essere negativi."),
  mode: z.enum(["PRESENCE", "ONLINE"], { error: "Modalità non valida." }).optional(),
});

/** The schema of one session's register, for the learners enrolled in its edition. */
export function registerFormSchema({
  personIds,
  sessionMinutes,
  sessionMode,
}: {
  personIds: readonly number[];
  sessionMinutes: number;
  sessionMode: "PRESENCE" | "ONLINE" | "HYBRID";
}) {
  return z
    .looseObject({ intent: z.enum(["save-attendance", "all-present"], { error: "Azione non valida." }) })
    .transform((form, ctx) => {
      const field = (name: string) => {
        const value = (form as Record<string, unknown>)[name];
        return typeof value === "string" ? value.trim() : "";
      };
      const allPresent = form.intent === "all-present";
      const rows: RegisterRow[] = [];
      const fail = (name: string, message: string) => ctx.addIssue({ code: "custom", path: [name], message });
      for (const id of personIds) {
        const rawStatus = field(`status-${id}`);
        if (!allPresent && rawStatus === "") continue;
        const status = allPresent && rawStatus !== "NOT_EXPECTED" ? "PRESENT" : rawStatus;
        const rawMinutes = field(`minutes-${id}`);
        const parsed = RowSchema.safeParse({
          status,
          minutes: status === "PRESENT" ? (allPresent || rawMinutes === "" ? sessionMinutes : rawMinutes) : 0,
          mode: field(`mode-${id}`) || undefined,
        });
        if (!parsed.success) {
          for (const issue of parsed.error.issues) fail(`${String(issue.path[0])}-${id}`, issue.message);
          continue;
        }
        const v = parsed.data;
        if (v.status === "PRESENT" && v.minutes === 0) {
          fail(`minutes-${id}`, "Chi è presente ha almeno 1 minuto di presenza.");
          continue;
        }
        if (v.minutes > sessionMinutes) {
          fail(`minutes-${id}`, `Al massimo ${sessionMinutes} minuti, la durata dell'incontro.`);
          continue;
        }
        const mode = v.status === "PRESENT" ? (v.mode ?? (sessionMode === "ONLINE" ? "ONLINE" : "PRESENCE")) : null;
        rows.push({ personId: id, status: v.status, minutes: v.status === "PRESENT" ? v.minutes : 0, mode });
      }
      return rows;
    });
}
