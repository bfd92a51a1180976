/**
 * The audit log: append-only rows (SQLite triggers refuse UPDATE and DELETE), written in the
 * transaction of the change they record, so the change and its trace commit together
 * (docs/security.md, "Audit and logs").
 */
import { SLICE, type Tx } from "./db.server";

/** What changed: the action, the record, and its state before and after (JSON snapshots). */
type AuditEntry = {
  action: string;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
};

/** Who made the change (null: the system), and the request that carried it: any `Actor` fits. */
type AuditActor = { userId: number | null; requestId: string | null };

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** One row's columns. */
function row(actor: AuditActor, e: AuditEntry) {
  return {
    actorId: actor.userId,
    action: e.action,
    entity: e.entity,
    entityId: String(e.entityId),
    before: json(e.before),
    after: json(e.after),
    requestId: actor.requestId,
  };
}

/** Appends an audit row in the transaction of the change it records. */
export async function audit(tx: Tx, actor: AuditActor, entry: AuditEntry) {
  await tx.auditLog.create({ data: row(actor, entry) });
}

/** Many audit rows of one actor in few statements, in the same format as `audit()` (bulk changes). */
export async function auditMany(tx: Tx, actor: AuditActor, entries: AuditEntry[]) {
  for (let i = 0; i < entries.length; i += SLICE) {
    await tx.auditLog.createMany({ data: entries.slice(i, i + SLICE).map((e) => row(actor, e)) });
  }
}
