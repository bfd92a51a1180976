/**
 * The moderation queue's filters and forms (spec PHASE2 §5.2, "Moderation"). Each action is
 * a small form naming its request; the checks of what may be published (a summary, no
 * personal data unless confirmed) are the model's, so they hold for every caller.
 */
import { z } from "zod";
import { REJECT_REASONS, SUMMARY_MAX, TOPICS, type Topic } from "~/domain/citizen-request";
import { idField } from "~/domain/ids";

export const REQUEST_STATUSES = {
  RECEIVED: "In attesa di moderazione",
  APPROVED: "Pubblicata",
  REJECTED: "Non pubblicata",
  SPAM: "Spam",
  MERGED: "Unita a un'altra",
} as const;
export type RequestStatus = keyof typeof REQUEST_STATUSES;

/** Requests on one page of the queue: each carries its forms, so pages stay small. */
export const QUEUE_PAGE_SIZE = 20;

/** The status filter's value for "every status" (absent means the waiting ones: the queue). */
export const ALL_STATUSES = "tutte";

type RejectReason = keyof typeof REJECT_REASONS;

export const QueueFiltersSchema = z.object({
  comune: idField("Comune non valido.").optional(),
  stato: z
    .enum([...(Object.keys(REQUEST_STATUSES) as RequestStatus[]), ALL_STATUSES], { error: "Stato non valido." })
    .default("RECEIVED"),
  argomento: z.enum(Object.keys(TOPICS) as [Topic, ...Topic[]], { error: "Argomento non valido." }).optional(),
  pagina: z
    .string()
    .regex(/^[1-9][0-9]{0,4}$/, "Numero di pagina non valido.")
    .transform(Number)
    .default(1),
});
export type QueueFilters = z.infer<typeof QueueFiltersSchema>;

const requestId = idField("Richiesta non valida.");

export const ApproveSchema = z.object({
  intent: z.literal("approve"),
  requestId,
  // Required, but refused by the model (one message for every caller): see moderateRequest.
  summary: z.string().max(SUMMARY_MAX, `Il riassunto ha al massimo ${SUMMARY_MAX} caratteri.`).optional(),
  confirmPersonalData: z.boolean().optional(),
});

export const RejectSchema = z.object({
  intent: z.literal("reject"),
  requestId,
  rejectReason: z.enum(Object.keys(REJECT_REASONS) as [RejectReason, ...RejectReason[]], {
    error: "Scegli il motivo per cui la richiesta non si pubblica.",
  }),
});

export const SpamSchema = z.object({ intent: z.literal("spam"), requestId });

export const MergeRequestSchema = z.object({
  intent: z.literal("merge"),
  requestId,
  targetId: idField("Scegli la richiesta uguale a cui unirla."),
});

export const LinkNeedSchema = z.object({
  intent: z.literal("link"),
  requestId,
  needId: idField("Scegli il fabbisogno a cui collegarla."),
});

export const ModerationSchema = z.discriminatedUnion("intent", [
  ApproveSchema,
  RejectSchema,
  SpamSchema,
  MergeRequestSchema,
  LinkNeedSchema,
]);
export type ModerationIntent = z.infer<typeof ModerationSchema>["intent"];
export const MODERATION_INTENTS: readonly ModerationIntent[] = ["approve", "reject", "spam", "merge", "link"];
