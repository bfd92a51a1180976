/**
 * Attestato di partecipazione: a single A4 landscape page rendered with @react-pdf/renderer.
 * Only the PDF standard fonts (Helvetica family) are used, so nothing is fetched at render time.
 */
import { Document, Image, Link, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import QRCode from "qrcode";
import { emWidth, splitToWidth, toWinAnsi } from "./pdf-text.server";
import { PROGRAMME_TZ } from "./time";

export type CertificateData = {
  /** Verification code, e.g. "7KQ2MXPA4C". */
  code: string;
  /** Absolute URL of the public verification page. */
  verifyUrl: string;
  personName: string;
  organisation: string;
  programmeTitle: string;
  moduleTitle: string;
  /** Phase titles (one for most modules, two for ICT). */
  phases: string[];
  /** Shown as hours with one decimal, e.g. 810 → "13,5". */
  attendedMinutes: number;
  /** First activity/session date of the path. */
  firstDate: Date | null;
  /** Completion date. */
  lastDate: Date | null;
  issuedAt: Date;
  /** Prints a clear "REVOCATO" mark. */
  revoked: boolean;
};

const GREEN = "#185a47";
const INK = "#1f2933";
const MUTED = "#52606d";
const RED = "#b3261e";

const dateFormat = new Intl.DateTimeFormat("it-IT", { dateStyle: "long", timeZone: PROGRAMME_TZ });
const hoursFormat = new Intl.NumberFormat("it-IT", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const formatDate = (date: Date) => dateFormat.format(date);

function formatAttendedHours(minutes: number) {
  return hoursFormat.format(minutes / 60);
}

function formatPeriod(firstDate: Date | null, lastDate: Date | null): string | null {
  const first = firstDate ? formatDate(firstDate) : null;
  const last = lastDate ? formatDate(lastDate) : null;
  if (first && last) return first === last ? `il ${last}` : `dal ${first} al ${last}`;
  if (last) return `completato il ${last}`;
  if (first) return `dal ${first}`;
  return null;
}

function formatPhases(phases: string[]): string | null {
  const titles = phases.map((p) => p.trim()).filter(Boolean);
  if (titles.length === 0) return null;
  return titles.length === 1 ? `Fase: ${titles[0]}` : `Fasi: ${titles.join("; ")}`;
}

// The verification URL must never be cut: react-pdf drops whatever overflows the page, and its
// only in-word break point prints a hyphen, which would corrupt the URL. So it is shrunk to fit
// its box and, if still too long, split into lines after a "/".
const URL_BOX_WIDTH = 300;
const URL_FONT_MAX = 7.5;
const URL_FONT_MIN = 5.5;

function layoutUrl(url: string): { fontSize: number; lines: string[] } {
  const fontSize = Math.max(URL_FONT_MIN, Math.min(URL_FONT_MAX, URL_BOX_WIDTH / emWidth(url)));
  return { fontSize, lines: splitToWidth(url, fontSize, URL_BOX_WIDTH, /(?<=\/)/) };
}

const A4_LANDSCAPE_HEIGHT = 595.28;
const PAGE_MARGIN = 22;

const styles = StyleSheet.create({
  page: { padding: PAGE_MARGIN, fontFamily: "Helvetica", fontSize: 11, color: INK, backgroundColor: "#ffffff" },
  // A fixed height (not flexGrow) so that overlong content overflows the frame instead of
  // pushing the frame onto a second page.
  outerFrame: { height: A4_LANDSCAPE_HEIGHT - 2 * PAGE_MARGIN, borderWidth: 2.5, borderColor: GREEN, padding: 5 },
  innerFrame: {
    flexGrow: 1,
    borderWidth: 0.75,
    borderColor: GREEN,
    paddingTop: 30,
    paddingBottom: 22,
    paddingHorizontal: 48,
    alignItems: "center",
    justifyContent: "space-between",
  },
  body: { flexGrow: 1, alignItems: "center", justifyContent: "center", width: "100%", paddingBottom: 12 },
  brand: { fontFamily: "Helvetica-Bold", fontSize: 9.5, letterSpacing: 3, color: GREEN, marginBottom: 10 },
  heading: { fontFamily: "Helvetica-Bold", fontSize: 34, color: GREEN, textAlign: "center" },
  rule: { width: 100, borderBottomWidth: 1.5, borderBottomColor: GREEN, marginTop: 12, marginBottom: 12 },
  programme: { fontFamily: "Helvetica-Oblique", fontSize: 12.5, color: MUTED, textAlign: "center", maxWidth: 580 },
  lead: { fontSize: 11.5, color: MUTED, textAlign: "center", marginTop: 22 },
  name: { fontFamily: "Helvetica-Bold", fontSize: 30, textAlign: "center", marginTop: 8 },
  organisation: { fontSize: 14, textAlign: "center", marginTop: 5 },
  module: {
    fontFamily: "Helvetica-Bold",
    fontSize: 19,
    color: GREEN,
    textAlign: "center",
    marginTop: 8,
    maxWidth: 640,
  },
  phases: { fontSize: 11, color: MUTED, textAlign: "center", marginTop: 6, maxWidth: 640 },
  facts: { fontSize: 11.5, textAlign: "center", marginTop: 16 },
  factLabel: { fontFamily: "Helvetica-Bold" },
  footer: { flexDirection: "row", justifyContent: "space-between", alignItems: "flex-end", width: "100%" },
  footerLeft: { fontSize: 10.5, color: INK, paddingBottom: 4 },
  footerLine: { marginTop: 3 },
  code: { fontFamily: "Courier-Bold", fontSize: 11, letterSpacing: 1 },
  qrBlock: { alignItems: "center", width: URL_BOX_WIDTH + 8 },
  qr: { width: 92, height: 92 },
  qrCaption: { fontSize: URL_FONT_MAX, color: MUTED, textAlign: "center", marginTop: 3 },
  qrUrl: { color: MUTED, textAlign: "center", textDecoration: "none" },
  revokedNotice: {
    fontFamily: "Helvetica-Bold",
    fontSize: 11,
    color: RED,
    textAlign: "center",
    borderWidth: 1,
    borderColor: RED,
    paddingVertical: 3,
    paddingHorizontal: 10,
    marginBottom: 10,
  },
  stampLayer: {
    position: "absolute",
    top: 0,
    left: 0,
    right: 0,
    bottom: 0,
    alignItems: "center",
    justifyContent: "center",
  },
  stamp: {
    fontFamily: "Helvetica-Bold",
    fontSize: 96,
    letterSpacing: 6,
    color: RED,
    opacity: 0.28,
    borderWidth: 6,
    borderColor: RED,
    paddingHorizontal: 24,
    paddingTop: 10,
    transform: "rotate(-20deg)",
  },
});

function Certificate({ data, qrDataUrl }: { data: CertificateData; qrDataUrl: string }) {
  const period = formatPeriod(data.firstDate, data.lastDate);
  const phases = formatPhases(data.phases);
  const url = layoutUrl(data.verifyUrl);
  return (
    <Document
      title={`Attestato ${data.code}`}
      author="Capacitas"
      creator="Capacitas"
      producer="Capacitas"
      language="it"
      subject={data.moduleTitle}
    >
      <Page size="A4" orientation="landscape" style={styles.page}>
        <View style={styles.outerFrame}>
          <View style={styles.innerFrame}>
            <View style={styles.body}>
              {data.revoked ? <Text style={styles.revokedNotice}>ATTESTATO REVOCATO: non è più valido</Text> : null}
              <Text style={styles.brand}>CAPACITAS</Text>
              <Text style={styles.heading}>Attestato di partecipazione</Text>
              <View style={styles.rule} />
              <Text style={styles.programme}>{toWinAnsi(data.programmeTitle)}</Text>
              <Text style={styles.lead}>si attesta che</Text>
              <Text style={styles.name}>{toWinAnsi(data.personName)}</Text>
              <Text style={styles.organisation}>{toWinAnsi(data.organisation)}</Text>
              <Text style={styles.lead}>ha completato il modulo</Text>
              <Text style={styles.module}>{toWinAnsi(data.moduleTitle)}</Text>
              {phases ? <Text style={styles.phases}>{phases}</Text> : null}
              <Text style={styles.facts}>
                <Text style={styles.factLabel}>Ore di presenza: </Text>
                {formatAttendedHours(data.attendedMinutes)}
                {period ? `   ·   Periodo: ${period}` : ""}
              </Text>
            </View>
            <View style={styles.footer}>
              <View style={styles.footerLeft}>
                <Text>Rilasciato il {formatDate(data.issuedAt)}</Text>
                <Text style={styles.footerLine}>
                  Codice di verifica: <Text style={styles.code}>{data.code}</Text>
                </Text>
              </View>
              <View style={styles.qrBlock}>
                <Image style={styles.qr} src={qrDataUrl} />
                <Text style={styles.qrCaption}>Verifica l&apos;autenticità:</Text>
                <Link src={data.verifyUrl} style={styles.qrUrl}>
                  {url.lines.map((line, i) => (
                    <Text key={i} style={{ fontSize: url.fontSize }}>
                      {line}
                    </Text>
                  ))}
                </Link>
              </View>
            </View>
          </View>
        </View>
        {data.revoked ? (
          <View style={styles.stampLayer} fixed>
            <Text style={styles.stamp}>REVOCATO</Text>
          </View>
        ) : null}
      </Page>
    </Document>
  );
}

/** Renders the attestato di partecipazione as a PDF (A4 landscape). */
export async function renderCertificatePdf(data: CertificateData): Promise<Buffer> {
  const qrDataUrl = await QRCode.toDataURL(data.verifyUrl, { margin: 1, width: 256 });
  return renderToBuffer(<Certificate data={data} qrDataUrl={qrDataUrl} />);
}
