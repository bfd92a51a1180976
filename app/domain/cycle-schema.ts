/** The form that opens an assessment cycle (docs/phase2.md). */
import { z } from "zod";
import { PriorityWeightsSchema, SHARED_GAP_THRESHOLD } from "~/domain/assessment-scoring";
import { CalendarDate, isCalendarDate } from "~/domain/dates";

/** The phase of the ICT module whose editions run phase 2 (content/modules/ict/module.yml). */
export const PHASE2_SLUG = "assessment-soluzioni";

export const CycleSchema = z
  .object({
    editionId: z.number({ error: "Scegli l'edizione della fase 2." }).int().positive("Scegli l'edizione della fase 2."),
    title: z
      .string({ error: "Dai un titolo alla rilevazione." })
      .trim()
      .min(5, "Almeno 5 caratteri.")
      .max(120, "Al massimo 120 caratteri."),
    opensOn: CalendarDate,
    closesOn: CalendarDate,
    sharedGapThreshold: z
      .number({ error: "Indica una quota tra 0,1 e 1." })
      .min(0.1, "Indica una quota tra 0,1 e 1.")
      .max(1, "Indica una quota tra 0,1 e 1.")
      .default(SHARED_GAP_THRESHOLD),
    priorityWeights: PriorityWeightsSchema.optional(),
  })
  // Only two real dates are compared: an impossible one has its own message already.
  .refine((c) => !isCalendarDate(c.opensOn) || !isCalendarDate(c.closesOn) || c.closesOn > c.opensOn, {
    path: ["closesOn"],
    message: "La chiusura viene dopo l'apertura.",
  });
export type CycleInput = z.infer<typeof CycleSchema>;
