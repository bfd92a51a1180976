/**
 * Registro presenze (foglio firme) of one session: A4 portrait, rendered with @react-pdf/renderer.
 * One row per learner with empty boxes to sign on arrival and departure; the table flows over as
 * many pages as needed, repeating its header row. Only the PDF standard fonts (Helvetica family)
 * are used, so nothing is fetched at render time.
 */
import { Document, Link, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import { splitToWidth, toWinAnsi } from "./pdf-text.server";
import { PROGRAMME_TZ } from "./time";

export type RegisterData = {
  programmeTitle: string;
  moduleTitle: string;
  phaseTitle: string | null;
  /** e.g. "OLT-ICT-F1-2026". */
  editionCode: string;
  sessionTitle: string;
  startsAt: Date;
  endsAt: Date;
  mode: "PRESENCE" | "ONLINE" | "HYBRID";
  place: string | null;
  link: string | null;
  /** Trainer names. */
  trainers: string[];
  /** Already sorted by name. */
  learners: {
    name: string;
    organisation: string;
    position: "ADMINISTRATOR" | "EMPLOYEE" | "EXTERNAL";
    status: "PRESENT" | "ABSENT" | "JUSTIFIED" | "NOT_EXPECTED" | null;
  }[];
  printedAt: Date;
};

type Learner = RegisterData["learners"][number];

const GREEN = "#185a47";
const INK = "#1f2933";
const MUTED = "#52606d";
const RULE = "#9aa5b1";
const HEAD_BG = "#e6efec";

const dayFormat = new Intl.DateTimeFormat("it-IT", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: PROGRAMME_TZ,
});
const timeFormat = new Intl.DateTimeFormat("it-IT", {
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: PROGRAMME_TZ,
});
const longDateFormat = new Intl.DateTimeFormat("it-IT", { dateStyle: "long", timeZone: PROGRAMME_TZ });

/** "giovedì 26 novembre 2026, 09:30–13:00" (or both ends in full when the session spans days). */
function formatSessionWhen(startsAt: Date, endsAt: Date): string {
  const startDay = dayFormat.format(startsAt);
  const endDay = dayFormat.format(endsAt);
  const start = timeFormat.format(startsAt);
  const end = timeFormat.format(endsAt);
  return startDay === endDay ? `${startDay}, ${start}–${end}` : `${startDay}, ${start} – ${endDay}, ${end}`;
}

const MODE_LABEL: Record<RegisterData["mode"], string> = {
  PRESENCE: "In presenza",
  ONLINE: "Online",
  HYBRID: "Mista (presenza e online)",
};

const POSITION_LABEL: Record<Learner["position"], string> = {
  ADMINISTRATOR: "Amministratore",
  EMPLOYEE: "Dipendente",
  EXTERNAL: "Esterno",
};

// Only statuses that mean "do not expect a signature" are printed; present or not yet recorded
// leaves the note empty.
const STATUS_NOTE: Record<NonNullable<Learner["status"]>, string> = {
  PRESENT: "",
  ABSENT: "assente",
  JUSTIFIED: "giustificato",
  NOT_EXPECTED: "non previsto",
};

// The link must never be cut: it is split into lines after "/", "?", "&" or "=".
const LINK_FONT = 8.5;
const splitLink = (link: string, boxWidth: number) => splitToWidth(link, LINK_FONT, boxWidth, /(?<=[/?&=])/);

const PAGE_WIDTH = 595.28;
const MARGIN_X = 34;
const MARGIN_TOP = 32;
const MARGIN_BOTTOM = 46;
const LABEL_WIDTH = 82;
const VALUE_WIDTH = PAGE_WIDTH - 2 * MARGIN_X - LABEL_WIDTH;
const ROW_HEIGHT = 28;

const COLS = {
  n: { width: 22, borderLeftWidth: 0.75 },
  name: { flexGrow: 1.1, flexBasis: 0 },
  organisation: { flexGrow: 1, flexBasis: 0 },
  position: { width: 62 },
  signIn: { width: 86 },
  signOut: { width: 86 },
  note: { width: 50 },
} as const;

// The last learner row asks for this much room after it, so that the closing block (trainer
// signature and print date) never ends up alone on a page under a bare header row. react-pdf
// caps the request at the end of the following siblings, so a generous value means "all of the
// closing block", however many trainers it lists.
const KEEP_WITH_CLOSING = 400;

const styles = StyleSheet.create({
  page: {
    paddingTop: MARGIN_TOP,
    paddingBottom: MARGIN_BOTTOM,
    paddingHorizontal: MARGIN_X,
    fontFamily: "Helvetica",
    fontSize: 9,
    color: INK,
    backgroundColor: "#ffffff",
  },
  brand: { fontFamily: "Helvetica-Bold", fontSize: 8, letterSpacing: 2.5, color: GREEN },
  heading: { fontFamily: "Helvetica-Bold", fontSize: 17, color: GREEN, marginTop: 4 },
  programme: { fontFamily: "Helvetica-Oblique", fontSize: 9.5, color: MUTED, marginTop: 3 },
  rule: { borderBottomWidth: 1.2, borderBottomColor: GREEN, marginTop: 8, marginBottom: 8 },
  facts: { marginBottom: 12 },
  fact: { flexDirection: "row", marginBottom: 2.5 },
  factLabel: { width: LABEL_WIDTH, fontFamily: "Helvetica-Bold", color: MUTED },
  factValue: { width: VALUE_WIDTH },
  factStrong: { fontFamily: "Helvetica-Bold" },
  link: { fontSize: LINK_FONT, color: INK, textDecoration: "none" },
  headRow: { flexDirection: "row", backgroundColor: HEAD_BG, borderTopWidth: 0.75, borderTopColor: RULE },
  row: { flexDirection: "row", minHeight: ROW_HEIGHT },
  cell: {
    borderRightWidth: 0.75,
    borderBottomWidth: 0.75,
    borderColor: RULE,
    paddingHorizontal: 3,
    paddingVertical: 3,
    justifyContent: "center",
  },
  headCell: { fontFamily: "Helvetica-Bold", fontSize: 7.5, color: INK },
  cellText: { fontSize: 8.5 },
  nameText: { fontFamily: "Helvetica-Bold", fontSize: 8.5 },
  smallText: { fontSize: 7.5, color: MUTED },
  number: { fontSize: 8, color: MUTED, textAlign: "right" },
  note: { fontFamily: "Helvetica-Oblique", fontSize: 7.5, color: MUTED },
  empty: {
    padding: 8,
    fontFamily: "Helvetica-Oblique",
    color: MUTED,
    borderLeftWidth: 0.75,
    borderRightWidth: 0.75,
    borderBottomWidth: 0.75,
    borderColor: RULE,
  },
  closing: { marginTop: 18, flexDirection: "row", justifyContent: "space-between", alignItems: "flex-end" },
  trainerBox: { width: 290, borderWidth: 0.75, borderColor: RULE, padding: 8 },
  trainerTitle: { fontFamily: "Helvetica-Bold", fontSize: 9, color: GREEN, marginBottom: 4 },
  trainerLine: { flexDirection: "row", alignItems: "flex-end", marginTop: 22 },
  trainerName: { width: 120, fontSize: 8.5 },
  signatureLine: { flexGrow: 1, borderBottomWidth: 0.75, borderBottomColor: INK, marginLeft: 6 },
  printed: { fontSize: 8, color: MUTED },
  footer: {
    position: "absolute",
    left: MARGIN_X,
    right: MARGIN_X,
    bottom: 18,
    flexDirection: "row",
    justifyContent: "space-between",
    fontSize: 7.5,
    color: MUTED,
    borderTopWidth: 0.5,
    borderTopColor: RULE,
    paddingTop: 4,
  },
});

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View style={styles.fact} wrap={false}>
      <Text style={styles.factLabel}>{label}</Text>
      <View style={styles.factValue}>{children}</View>
    </View>
  );
}

function HeaderRow() {
  const head = (style: (typeof COLS)[keyof typeof COLS], label: string) => (
    <View style={[styles.cell, style]}>
      <Text style={styles.headCell}>{label}</Text>
    </View>
  );
  return (
    <View style={styles.headRow} fixed>
      {head(COLS.n, "n°")}
      {head(COLS.name, "Cognome e nome")}
      {head(COLS.organisation, "Ente")}
      {head(COLS.position, "Ruolo")}
      {head(COLS.signIn, "Firma in entrata")}
      {head(COLS.signOut, "Firma in uscita")}
      {head(COLS.note, "Note")}
    </View>
  );
}

function LearnerRow({ learner, index, last }: { learner: Learner; index: number; last: boolean }) {
  const note = learner.status ? STATUS_NOTE[learner.status] : "";
  return (
    <View style={styles.row} wrap={false} minPresenceAhead={last ? KEEP_WITH_CLOSING : 0}>
      <View style={[styles.cell, COLS.n]}>
        <Text style={styles.number}>{index + 1}</Text>
      </View>
      <View style={[styles.cell, COLS.name]}>
        <Text style={styles.nameText}>{toWinAnsi(learner.name)}</Text>
      </View>
      <View style={[styles.cell, COLS.organisation]}>
        <Text style={styles.cellText}>{toWinAnsi(learner.organisation)}</Text>
      </View>
      <View style={[styles.cell, COLS.position]}>
        <Text style={styles.smallText}>{POSITION_LABEL[learner.position]}</Text>
      </View>
      <View style={[styles.cell, COLS.signIn]} />
      <View style={[styles.cell, COLS.signOut]} />
      <View style={[styles.cell, COLS.note]}>{note ? <Text style={styles.note}>{note}</Text> : null}</View>
    </View>
  );
}

function Closing({ trainers, printedAt }: { trainers: string[]; printedAt: Date }) {
  // One line to sign per trainer; with none assigned, one blank line to write name and sign.
  const names = trainers.length > 0 ? trainers : [""];
  return (
    <View style={styles.closing} wrap={false}>
      <View style={styles.trainerBox}>
        <Text style={styles.trainerTitle}>{trainers.length > 1 ? "Firma dei formatori" : "Firma del formatore"}</Text>
        {names.map((name, i) => (
          <View key={i} style={styles.trainerLine}>
            <Text style={styles.trainerName}>{toWinAnsi(name)}</Text>
            <View style={styles.signatureLine} />
          </View>
        ))}
      </View>
      <Text style={styles.printed}>
        Stampato il {longDateFormat.format(printedAt)} alle {timeFormat.format(printedAt)}
      </Text>
    </View>
  );
}

function Register({ data }: { data: RegisterData }) {
  const t = toWinAnsi;
  const module = data.phaseTitle ? `${data.moduleTitle} — ${data.phaseTitle}` : data.moduleTitle;
  const showPlace = data.mode !== "ONLINE" || !data.link;
  const showLink = data.mode !== "PRESENCE" || !data.place;
  const linkLines = data.link ? splitLink(t(data.link), VALUE_WIDTH) : [];
  const trainers = data.trainers.map(t);
  return (
    <Document
      title={`Registro presenze ${data.editionCode}`}
      author="Capacitas"
      creator="Capacitas"
      producer="Capacitas"
      language="it"
      subject={`${data.moduleTitle} — ${data.sessionTitle}`}
    >
      <Page size="A4" style={styles.page}>
        <Text style={styles.brand}>CAPACITAS</Text>
        <Text style={styles.heading}>Registro presenze — foglio firme</Text>
        <Text style={styles.programme}>{t(data.programmeTitle)}</Text>
        <View style={styles.rule} />
        <View style={styles.facts}>
          <Fact label="Modulo">
            <Text style={styles.factStrong}>{t(module)}</Text>
          </Fact>
          <Fact label="Edizione">
            <Text>{t(data.editionCode)}</Text>
          </Fact>
          <Fact label="Sessione">
            <Text style={styles.factStrong}>{t(data.sessionTitle)}</Text>
          </Fact>
          <Fact label="Data e orario">
            <Text>{formatSessionWhen(data.startsAt, data.endsAt)}</Text>
          </Fact>
          <Fact label="Modalità">
            <Text>{MODE_LABEL[data.mode]}</Text>
          </Fact>
          {showPlace && data.place ? (
            <Fact label="Luogo">
              <Text>{t(data.place)}</Text>
            </Fact>
          ) : null}
          {showLink && data.link ? (
            <Fact label="Collegamento">
              <Link src={data.link} style={styles.link}>
                {linkLines.map((line, i) => (
                  <Text key={i}>{line}</Text>
                ))}
              </Link>
            </Fact>
          ) : null}
          <Fact label={trainers.length > 1 ? "Formatori" : "Formatore"}>
            <Text>{trainers.length > 0 ? trainers.join(", ") : "—"}</Text>
          </Fact>
        </View>

        {/* The header row is `fixed` inside this view, so it repeats on every page the view
            spans. The closing block is a sibling of the rows so that the last row's
            minPresenceAhead can pull that row onto the next page with it. */}
        <View>
          <HeaderRow />
          {data.learners.length === 0 ? (
            <Text style={styles.empty}>Nessun partecipante iscritto alla sessione.</Text>
          ) : null}
          {data.learners.map((learner, i) => (
            <LearnerRow key={i} learner={learner} index={i} last={i === data.learners.length - 1} />
          ))}
          <Closing trainers={trainers} printedAt={data.printedAt} />
        </View>

        <View style={styles.footer} fixed>
          <Text>
            Registro presenze {t(data.editionCode)} · {longDateFormat.format(data.startsAt)}
          </Text>
          <Text render={({ pageNumber, totalPages }) => `Pagina ${pageNumber} di ${totalPages}`} />
        </View>
      </Page>
    </Document>
  );
}

/** The printable signature register (registro presenze / foglio firme) of one session, A4 portrait. */
export async function renderRegisterPdf(data: RegisterData): Promise<Buffer> {
  return renderToBuffer(<Register data={data} />);
}
