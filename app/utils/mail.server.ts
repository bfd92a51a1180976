/**
 * Outgoing mail goes through the outbox table, written in the same transaction as the
 * action that causes it. Delivery happens only when SMTP_URL is configured.
 */
import nodemailer from "nodemailer";
import { prisma, type PrismaClient, type Tx } from "./db.server";
import { getEnv } from "./env.server";
import { logError, logEvent } from "./logger.server";

export async function queueMail(tx: Tx, message: { to: string; subject: string; body: string }) {
  await tx.outboxMessage.create({ data: message });
}

/** Sends pending outbox messages; a no-op without SMTP_URL. */
export async function deliverOutbox(db: PrismaClient) {
  const env = getEnv();
  if (!env.SMTP_URL) return { sent: 0 };
  const transport = nodemailer.createTransport(env.SMTP_URL);
  const pending = await db.outboxMessage.findMany({
    where: { sentAt: null, attempts: { lt: 5 } },
    take: 50,
    orderBy: { id: "asc" },
  });
  let sent = 0;
  for (const m of pending) {
    try {
      await transport.sendMail({ from: env.MAIL_FROM, to: m.to, subject: m.subject, text: m.body });
      await db.outboxMessage.update({ where: { id: m.id }, data: { sentAt: new Date(), attempts: { increment: 1 } } });
      sent++;
    } catch (error) {
      logError(error, { outboxId: m.id });
      await db.outboxMessage.update({
        where: { id: m.id },
        data: { attempts: { increment: 1 }, lastError: error instanceof Error ? error.message.slice(0, 500) : "error" },
      });
    }
  }
  logEvent("mail.delivered", { sent });
  return { sent };
}

/**
 * Delivers the outbox after the current request's commit, without making the request wait:
 * only when SMTP_URL is set; a failure stays in the outbox for the next delivery.
 */
export function sendOutboxSoon() {
  deliverOutbox(prisma).catch((error) => logError(error, { during: "deliverOutbox" }));
}
