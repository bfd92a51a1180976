/**
 * The indicators as export sheets: the same `Indicators` object the dashboard and the
 * report show, laid out one fact per row, with a separate summary sheet of the filters.
 */
import type { ExportSheet } from "~/utils/export.server";
import type { Indicators } from "./indicators.server";
import type { allPersonModules, bodyModules } from "./cross-module.server";

const GENDER = { F: "Donne", M: "Uomini", NON_BINARY: "Non binari", NOT_STATED: "Non dichiarato" } as const;
const AGE = {
  UNDER_30: "Meno di 30 anni",
  "30_54": "30–54 anni",
  "55_PLUS": "55 anni e oltre",
  UNKNOWN: "Non noto",
} as const;
const EDUCATION = {
  ISCED_0_2: "ISCED 0–2",
  ISCED_3_4: "ISCED 3–4",
  ISCED_5_8: "ISCED 5–8",
  NOT_STATED: "Non dichiarato",
} as const;
const POSITION = { ADMINISTRATOR: "Amministratori", EMPLOYEE: "Dipendenti" } as const;
const STATUS: Record<string, string> = { NOT_STARTED: "Da iniziare", IN_PROGRESS: "In corso", COMPLETED: "Completato" };
const MODE = { PRESENCE: "In presenza", ONLINE: "Online", HYBRID: "Mista" } as const;
const KIND = { SEMINAR: "Seminari", LAB: "Laboratori", OTHER: "Altro" } as const;

type Row = Record<string, string | number | null>;
const sheet = (name: string, headers: [string, string, ("number" | "text")?][], rows: Row[]): ExportSheet<Row> => ({
  name,
  rows,
  columns: headers.map(([key, header, format]) => ({
    header,
    value: (r: Row) => r[key] ?? null,
    format: format ?? (rows.some((r) => typeof r[key] === "number") ? "number" : "text"),
  })),
});
const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

/** Indicator tables by slug (the CSV file names) — all of them make the XLSX workbook. */
export function indicatorSheets(
  ind: Indicators,
  filters: string[],
  generatedAt: Date,
): Record<string, ExportSheet<Row>> {
  const p = ind.participants;
  const total = p.total;
  const dist = (dimension: string, entries: [string, number][]) =>
    entries.map(([value, people]) => ({ dimension, value, people, share: total ? pct(people / total) : null }));
  return {
    riepilogo: sheet(
      "Riepilogo",
      [
        ["indicator", "Indicatore"],
        ["value", "Valore"],
      ],
      [
        { indicator: "Generato il", value: generatedAt.toISOString() },
        { indicator: "Filtri", value: filters.join("; ") || "nessuno" },
        { indicator: "Partecipanti", value: total },
        { indicator: "Enti coinvolti", value: p.bodiesSupported },
        { indicator: "Incontri svolti", value: ind.delivery.sessionsHeld },
        { indicator: "Ore erogate", value: ind.delivery.hoursDelivered },
        { indicator: "Ore di presenza (persone × ore)", value: ind.delivery.hoursAttended },
        { indicator: "Tasso di presenza (%)", value: pct(ind.delivery.attendanceRate) },
        { indicator: "Partecipanti che raggiungono la soglia", value: ind.delivery.reachingThreshold },
        { indicator: "Quota che raggiunge la soglia (%)", value: pct(ind.delivery.reachingThresholdShare) },
        { indicator: "Attestati rilasciati", value: ind.results.certificates },
        { indicator: "Tasso di risposta ai questionari (%)", value: pct(ind.satisfaction.responseRate) },
        { indicator: `Ore medie per dipendente nel ${ind.hoursPerEmployee.year}`, value: ind.hoursPerEmployee.average },
        {
          indicator: `Dipendenti con almeno ${ind.hoursPerEmployee.target} ore`,
          value: ind.hoursPerEmployee.reachingTarget,
        },
      ],
    ),
    partecipanti: sheet(
      "Partecipanti",
      [
        ["dimension", "Dimensione"],
        ["value", "Valore"],
        ["people", "Persone"],
        ["share", "Quota (%)"],
      ],
      [
        ...dist(
          "Genere",
          Object.entries(p.byGender).map(([k, v]) => [GENDER[k as keyof typeof GENDER], v]),
        ),
        ...dist(
          "Fascia d'età",
          Object.entries(p.byAge).map(([k, v]) => [AGE[k as keyof typeof AGE], v]),
        ),
        ...dist(
          "Titolo di studio",
          Object.entries(p.byEducation).map(([k, v]) => [EDUCATION[k as keyof typeof EDUCATION], v]),
        ),
        ...dist(
          "Ruolo",
          Object.entries(p.byPosition).map(([k, v]) => [POSITION[k as keyof typeof POSITION], v]),
        ),
      ],
    ),
    enti: sheet(
      "Enti",
      [
        ["name", "Ente"],
        ["people", "Partecipanti"],
        ["employees", "Dipendenti"],
        ["administrators", "Amministratori"],
      ],
      p.bodies.map((b) => ({
        name: b.name,
        people: b.people,
        employees: b.employees,
        administrators: b.administrators,
      })),
    ),
    erogazione: sheet(
      "Erogazione",
      [
        ["dimension", "Dimensione"],
        ["value", "Valore"],
        ["hours", "Ore"],
      ],
      [
        ...Object.entries(ind.delivery.hoursByKind).map(([k, v]) => ({
          dimension: "Tipo",
          value: KIND[k as keyof typeof KIND],
          hours: v,
        })),
        ...Object.entries(ind.delivery.hoursByMode).map(([k, v]) => ({
          dimension: "Modalità",
          value: MODE[k as keyof typeof MODE],
          hours: v,
        })),
      ],
    ),
    moduli: sheet(
      "Moduli",
      [
        ["title", "Modulo"],
        ["enrolled", "Iscritti"],
        ["inProgress", "In corso"],
        ["completed", "Completato"],
        ["rate", "Tasso (%)"],
      ],
      ind.results.modules.map((m) => ({
        title: m.title,
        enrolled: m.enrolled,
        inProgress: m.inProgress,
        completed: m.completed,
        rate: pct(m.rate),
      })),
    ),
    fasi: sheet(
      "Fasi",
      [
        ["module", "Modulo"],
        ["title", "Fase"],
        ["enrolled", "Iscritti"],
        ["completed", "Completato"],
        ["rate", "Tasso (%)"],
      ],
      ind.results.phases.map((ph) => ({
        module: ph.module,
        title: ph.title,
        enrolled: ph.enrolled,
        completed: ph.completed,
        rate: pct(ph.rate),
      })),
    ),
    verifiche: sheet(
      "Verifiche",
      [
        ["module", "Modulo"],
        ["title", "Verifica"],
        ["attempted", "Hanno tentato"],
        ["passed", "Superata"],
        ["rate", "Tasso (%)"],
      ],
      ind.results.quizzes.map((q) => ({
        module: q.module,
        title: q.title,
        attempted: q.attempted,
        passed: q.passed,
        rate: pct(q.rate),
      })),
    ),
    competenze: sheet(
      "Competenze",
      [
        ["code", "Codice"],
        ["title", "Competenza"],
        ["people", "Persone con entrambi i test"],
        ["delta", "Variazione media (punti %)"],
        ["movedUp", "Salgono di almeno un livello"],
        ["share", "Quota (%)"],
      ],
      ind.results.gains.map((g) => ({
        code: g.code,
        title: g.title,
        people: g.people,
        delta: g.meanDelta,
        movedUp: g.movedUp,
        share: pct(g.movedUpShare),
      })),
    ),
    gradimento: sheet(
      "Gradimento",
      [
        ["level", "Livello"],
        ["module", "Modulo"],
        ["dimension", "Dimensione"],
        ["text", "Domanda"],
        ["responses", "Risposte"],
        ["mean", "Media (1–5)"],
      ],
      [
        ...ind.satisfaction.dimensions.map((d) => ({
          level: "Dimensione",
          module: "",
          dimension: d.dimension,
          text: "",
          responses: d.responses,
          mean: d.mean,
        })),
        ...ind.satisfaction.items.map((i) => ({
          level: "Domanda",
          module: i.module,
          dimension: i.dimension,
          text: i.text,
          responses: i.responses,
          mean: i.mean,
        })),
      ],
    ),
  };
}

type PersonRow = Awaited<ReturnType<ReturnType<typeof allPersonModules>["next"]>>["value"] & object;

/** Person × modules, streamed: one row per person, status and hours per module. */
export function personModulesSheet(
  rows: AsyncIterable<PersonRow>,
  modules: { id: number; title: string }[],
): ExportSheet<PersonRow> {
  return {
    name: "Persone per modulo",
    rows,
    columns: [
      { header: "Persona", value: (r) => r.name, width: 28 },
      { header: "Ente", value: (r) => r.organisation, width: 30 },
      { header: "Ruolo", value: (r) => (r.position === "ADMINISTRATOR" ? "Amministratore" : "Dipendente") },
      { header: "Moduli completati", value: (r) => r.completed, format: "number" },
      { header: "Ore di presenza", value: (r) => r.hours, format: "number" },
      ...modules.flatMap((m, i) => [
        {
          header: `${m.title} — stato`,
          value: (r: PersonRow) => (r.modules[i] ? STATUS[r.modules[i]!.status] : "non iscritto"),
        },
        {
          header: `${m.title} — ore`,
          value: (r: PersonRow) => (r.modules[i] ? Math.round((r.modules[i]!.minutes / 60) * 10) / 10 : null),
          format: "number" as const,
        },
      ]),
    ],
  };
}

/** Body × modules. */
export function bodyModulesSheet(
  view: Awaited<ReturnType<typeof bodyModules>>,
): ExportSheet<(typeof view.rows)[number]> {
  return {
    name: "Enti per modulo",
    rows: view.rows,
    columns: [
      { header: "Ente", value: (r) => r.organisation, width: 30 },
      { header: "Partecipanti", value: (r) => r.participants, format: "number" },
      ...view.modules.flatMap((m, i) => [
        {
          header: `${m.title} — iscritti`,
          value: (r: (typeof view.rows)[number]) => r.modules[i].enrolled,
          format: "number" as const,
        },
        {
          header: `${m.title} — completato`,
          value: (r: (typeof view.rows)[number]) => r.modules[i].completed,
          format: "number" as const,
        },
        {
          header: `${m.title} — ore`,
          value: (r: (typeof view.rows)[number]) => r.modules[i].hours,
          format: "number" as const,
        },
      ]),
    ],
  };
}
