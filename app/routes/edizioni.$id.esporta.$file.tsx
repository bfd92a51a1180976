import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireEdition } from "~/access/guards.server";
import { parseTableParams } from "~/domain/table-params";
import { RosterParamsSchema } from "~/domain/trainer-schema";
import { attendanceFacts, getRoster, type TrainerEdition } from "~/models/trainer.server";
import { csvStream, downloadResponse, xlsxStream, type ExportSheet } from "~/utils/export.server";
import { badRequest, notFound } from "~/utils/http.server";

const POSITION = { ADMINISTRATOR: "Amministratore", EMPLOYEE: "Dipendente", EXTERNAL: "Esterno" } as const;
const STATUS = { NOT_STARTED: "Da iniziare", IN_PROGRESS: "In corso", COMPLETED: "Completato" } as const;
const ATTENDANCE = {
  PRESENT: "Presente",
  ABSENT: "Assente",
  JUSTIFIED: "Giustificato",
  NOT_EXPECTED: "Non previsto",
} as const;
const MODE = { PRESENCE: "In presenza", ONLINE: "Online", HYBRID: "Mista" } as const;

/** The roster as on screen (same filters and order), all pages. */
async function rosterSheet(edition: TrainerEdition, search: URLSearchParams) {
  const parsed = parseTableParams(RosterParamsSchema, search);
  if (!parsed.ok) badRequest(parsed.errors);
  const { rows } = await getRoster({ edition, params: { ...parsed.value, page: 1, size: 100_000 } });
  const sheet: ExportSheet<(typeof rows)[number]> = {
    name: "Partecipanti",
    rows,
    columns: [
      { header: "Partecipante", value: (r) => r.name, width: 28 },
      { header: "Ente", value: (r) => r.organisation, width: 30 },
      { header: "Ruolo", value: (r) => POSITION[r.position] },
      { header: "Attività completate", value: (r) => r.completedUnits, format: "number" },
      { header: "Attività obbligatorie", value: (r) => r.requiredUnits, format: "number" },
      { header: "Ore presenti", value: (r) => Math.round((r.attendedMinutes / 60) * 100) / 100, format: "number" },
      { header: "Ore richieste", value: (r) => Math.round((r.requiredMinutes / 60) * 100) / 100, format: "number" },
      { header: "Verifiche superate", value: (r) => r.quizzes.passed, format: "number" },
      { header: "Verifiche totali", value: (r) => r.quizzes.total, format: "number" },
      {
        header: "Ultima attività",
        value: (r) => (r.lastActivityAt ? new Date(r.lastActivityAt) : null),
        format: "datetime",
      },
      { header: "Stato", value: (r) => STATUS[r.status] },
      { header: "A rischio", value: (r) => (r.atRisk ? "sì" : "no") },
    ],
  };
  return sheet;
}

function attendanceSheet(edition: TrainerEdition) {
  type Fact = Awaited<ReturnType<ReturnType<typeof attendanceFacts>["next"]>>["value"] & object;
  const sheet: ExportSheet<Fact> = {
    name: "Presenze",
    rows: attendanceFacts({ edition }) as AsyncIterable<Fact>,
    columns: [
      { header: "Cognome", value: (r) => r.lastName, width: 18 },
      { header: "Nome", value: (r) => r.firstName, width: 16 },
      { header: "Ente", value: (r) => r.organisation, width: 30 },
      { header: "Ruolo", value: (r) => POSITION[r.position] },
      { header: "Incontro", value: (r) => r.session, width: 36 },
      { header: "Inizio", value: (r) => r.startsAt, format: "datetime" },
      { header: "Fine", value: (r) => r.endsAt, format: "datetime" },
      { header: "Durata (minuti)", value: (r) => r.durationMinutes, format: "number" },
      { header: "Ore", value: (r) => Math.round((r.durationMinutes / 60) * 100) / 100, format: "number" },
      { header: "Modalità incontro", value: (r) => MODE[r.sessionMode] },
      { header: "Annullato", value: (r) => (r.cancelled ? "sì" : "no") },
      { header: "Presenza", value: (r) => (r.status ? ATTENDANCE[r.status] : "non registrata") },
      { header: "Minuti presenti", value: (r) => r.minutes, format: "number" },
      { header: "Modalità presenza", value: (r) => (r.mode ? MODE[r.mode] : null) },
      { header: "Registrata dal partecipante", value: (r) => (r.selfCheckIn ? "sì" : "no") },
    ],
  };
  return sheet;
}

/** Edition exports: roster (as filtered on screen) and attendance (person × session), CSV or XLSX. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { edition } = await requireEdition(request, params.id);
  const match = /^(partecipanti|presenze)\.(csv|xlsx)$/.exec(params.file ?? "") ?? notFound();
  const [, what, kind] = match as unknown as [string, "partecipanti" | "presenze", "csv" | "xlsx"];
  const name = `${what}-${edition.code}`;
  if (what === "partecipanti") {
    const sheet = await rosterSheet(edition, new URL(request.url).searchParams);
    return kind === "csv"
      ? downloadResponse(csvStream(sheet), name, "csv")
      : downloadResponse(xlsxStream([sheet]), name, "xlsx");
  }
  const sheet = attendanceSheet(edition);
  return kind === "csv"
    ? downloadResponse(csvStream(sheet), name, "csv")
    : downloadResponse(xlsxStream([sheet]), name, "xlsx");
}
