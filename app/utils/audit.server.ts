import type { Tx } from "./db.server";

type AuditEntry = {
  actorId: number | null;
  action: string;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
};

/**
 * Appends an audit row. Always pass the transaction of the change it records, so the
 * change and its trace commit together (SECURITY.md, "Audit and logs").
 */
export async function audit(tx: Tx, entry: AuditEntry) {
  await tx.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entity: entry.entity,
      entityId: String(entry.entityId),
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      requestId: entry.requestId ?? null,
    },
  });
}

/** The request id set by the server for this request (logs and audit rows share it). */
export function requestIdOf(request: Request): string | null {
  return request.headers.get("x-request-id");
}
