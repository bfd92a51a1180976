/**
 * The audit log: append-only rows (SQLite triggers refuse UPDATE and DELETE), written in the
 * transaction of the change they record, so the change and its trace commit together
 * (docs/security.md, "Audit and logs").
 */
import type { Actor } from "~/access/scope.server";
import { SLICE, type Tx } from "./db.server";

type AuditEntry = {
  actorId: number | null;
  action: string;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
};

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** Appends an audit row in the transaction of the change it records. */
export async function audit(tx: Tx, entry: AuditEntry) {
  await tx.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entity: entry.entity,
      entityId: String(entry.entityId),
      before: json(entry.before),
      after: json(entry.after),
      requestId: entry.requestId ?? null,
    },
  });
}

/** Many audit rows of one actor in few statements, in the same format as `audit()` (bulk changes). */
export async function auditMany(tx: Tx, actor: Actor, entries: Omit<AuditEntry, "actorId" | "requestId">[]) {
  for (let i = 0; i < entries.length; i += SLICE) {
    const slice = entries.slice(i, i + SLICE);
    if (slice.length === 0) continue;
    await tx.auditLog.createMany({
      data: slice.map((e) => ({
        actorId: actor.userId,
        action: e.action,
        entity: e.entity,
        entityId: String(e.entityId),
        before: json(e.before),
        after: json(e.after),
        requestId: actor.requestId,
      })),
    });
  }
}
