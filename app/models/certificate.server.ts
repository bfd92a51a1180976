/** Certificates: the learner's own PDF and the public verification. */
import type { OwnScope } from "~/access/scope.server";
import { renderCertificatePdf } from "~/utils/certificate-pdf.server";
import { prisma } from "~/utils/db.server";

/** PDF of one of the person's own certificates, or null (another person's code is "not found"). */
export async function getOwnCertificatePdf({ scope, code, origin }: { scope: OwnScope; code: string; origin: string }) {
  const c = await prisma.certificate.findFirst({
    where: { code, personId: scope.personId },
    select: {
      code: true,
      attendedMinutes: true,
      issuedAt: true,
      revokedAt: true,
      personId: true,
      moduleId: true,
      person: { select: { firstName: true, lastName: true, organisation: { select: { name: true } } } },
      module: {
        select: {
          title: true,
          programme: { select: { title: true } },
          phases: { where: { archivedAt: null }, orderBy: { position: "asc" }, select: { title: true } },
        },
      },
    },
  });
  if (!c) return null;
  const [firstProgress, firstAttendance, completion] = await Promise.all([
    prisma.progress.findFirst({
      where: { personId: c.personId, unit: { phase: { moduleId: c.moduleId } }, startedAt: { not: null } },
      orderBy: { startedAt: "asc" },
      select: { startedAt: true },
    }),
    prisma.attendance.findFirst({
      where: { personId: c.personId, status: "PRESENT", session: { edition: { moduleId: c.moduleId } } },
      orderBy: { session: { startsAt: "asc" } },
      select: { session: { select: { startsAt: true } } },
    }),
    prisma.moduleProgress.findUnique({
      where: { personId_moduleId: { personId: c.personId, moduleId: c.moduleId } },
      select: { completedAt: true },
    }),
  ]);
  const starts = [firstProgress?.startedAt, firstAttendance?.session.startsAt].filter((d): d is Date => !!d);
  const pdf = await renderCertificatePdf({
    code: c.code,
    verifyUrl: `${origin}/verifica/${c.code}`,
    personName: `${c.person.firstName} ${c.person.lastName}`,
    organisation: c.person.organisation.name,
    programmeTitle: c.module.programme.title,
    moduleTitle: c.module.title,
    phases: c.module.phases.map((p) => p.title),
    attendedMinutes: c.attendedMinutes,
    firstDate: starts.length ? new Date(Math.min(...starts.map((d) => d.getTime()))) : null,
    lastDate: completion?.completedAt ?? c.issuedAt,
    issuedAt: c.issuedAt,
    revoked: c.revokedAt !== null,
  });
  return { pdf, fileName: `attestato-${c.code}.pdf` };
}

/** What the public verification page may show: name, module, hours, date, validity. Nothing else. */
export async function verifyCertificate(code: string) {
  const c = await prisma.certificate.findUnique({
    where: { code },
    select: {
      code: true,
      attendedMinutes: true,
      issuedAt: true,
      revokedAt: true,
      person: { select: { firstName: true, lastName: true, anonymisedAt: true } },
      module: { select: { title: true } },
    },
  });
  if (!c) return null;
  return {
    code: c.code,
    name: c.person.anonymisedAt ? "—" : `${c.person.firstName} ${c.person.lastName}`,
    module: c.module.title,
    minutes: c.attendedMinutes,
    issuedAt: c.issuedAt.toISOString(),
    revoked: c.revokedAt !== null,
  };
}
