import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireEditionSession } from "~/access/guards.server";
import { getRegister } from "~/models/attendance.server";
import { renderRegisterPdf } from "~/utils/register-pdf.server";

/** The printable signature register of a session (PDF), for the edition's trainers. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { edition, session } = await requireEditionSession(request, params);
  const register = await getRegister({ session });
  const pdf = await renderRegisterPdf({
    programmeTitle: edition.module.programme.title,
    moduleTitle: edition.module.title,
    phaseTitle: edition.phase?.title ?? null,
    editionCode: edition.code,
    sessionTitle: session.title,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    mode: session.mode,
    place: session.place,
    link: session.link,
    trainers: edition.trainers.map((t) => `${t.user.person.firstName} ${t.user.person.lastName}`),
    learners: register.map((r) => ({
      name: r.name,
      organisation: r.organisation,
      position: r.position,
      status: r.recorded?.status ?? (r.enrolledLater ? "NOT_EXPECTED" : null),
    })),
    printedAt: new Date(),
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="registro-${edition.code}-${session.id}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
