/** System administration: what the admin page shows, and the content sync it starts. */
import path from "node:path";
import type { Actor } from "~/access/scope.server";
import { ROLES } from "~/access/capabilities";
import { prisma } from "~/utils/db.server";
import { ContentConflictError, loadContent, syncContent } from "./content.server";

/** The programme as last synced, what it holds, and how many accounts hold each role. */
export async function getAdminOverview() {
  const [programme, modules, units, roles, users] = await Promise.all([
    prisma.programme.findFirst({ orderBy: { syncedAt: "desc" }, select: { title: true, syncedAt: true } }),
    prisma.module.count({ where: { archivedAt: null } }),
    prisma.unit.count({ where: { archivedAt: null } }),
    prisma.roleAssignment.groupBy({ by: ["role"], _count: { _all: true } }),
    prisma.user.count({ where: { active: true } }),
  ]);
  return {
    programme: programme ? { title: programme.title, syncedAt: programme.syncedAt.toISOString() } : null,
    modules,
    units,
    users,
    roles: ROLES.map((role) => ({ role, count: roles.find((r) => r.role === role)?._count._all ?? 0 })),
  };
}

/**
 * Validates `content/` and loads it into the database (audited in the sync's transaction):
 * every error names its file and field, and with any error nothing changes.
 */
export async function syncProgrammeContent({ actor }: { actor: Actor }) {
  const loaded = await loadContent(path.resolve("content"));
  if (!loaded.ok) return { ok: false as const, errors: loaded.errors, summary: null };
  try {
    const summary = await syncContent(prisma, loaded.content, { actor });
    return { ok: true as const, errors: [], summary };
  } catch (error) {
    if (error instanceof ContentConflictError) return { ok: false as const, errors: error.errors, summary: null };
    throw error;
  }
}
