/**
 * What the demo's comuni answer in "Rilevazione 2026" (prisma/seed-phase2.ts turns it into
 * saves through the assessment model). Each comune has a capacity (0..1: staff, size, how
 * far its digital projects got); each item the level an average comune of the area reaches.
 * A comune's level is the item's, moved by its capacity and by a small deterministic noise:
 * the small mountain comuni end up low on data and infrastructure and better on the national
 * platforms (pagoPA, App IO, SPID/CIE), which PA digitale 2026 financed everywhere.
 */
import type { ASSESSMENT_STATES } from "./phase2-story";

export type ComuneName = keyof typeof ASSESSMENT_STATES;

/** 0..1, roughly by population (ISTAT 2023) and by what the comune already runs online. */
export const COMUNE_CAPACITY: Record<ComuneName, number> = {
  "Godiasco Salice Terme": 0.85, // ~3,100 inhabitants, the spa town: the largest office staff
  Varzi: 0.8, // ~3,100, the valley's centre
  "Borgo Priolo": 0.6,
  Zavattarello: 0.6,
  "Colli Verdi": 0.55, // born in 2019 from Canevino, Ruino and Valverde
  "Montalto Pavese": 0.55,
  "Ponte Nizza": 0.55,
  Bagnaria: 0.5,
  Romagnese: 0.45,
  "Val di Nizza": 0.4,
  "Brallo di Pregola": 0.35,
  "Santa Margherita di Staffora": 0.35,
  "Borgoratto Mormorolo": 0.3,
  Fortunago: 0.3,
  Menconico: 0.25,
  Montesegale: 0.25,
  Cecima: 0.2, // ~230 inhabitants, one employee for most offices
  "Rocca Susella": 0.2,
};

/**
 * The level (0..4) an average comune of the area reaches on each item; YES_NO items answer
 * «Sì» from 2 up. COUNT and PERCENT items are generated apart (see `rawNumber` in the seed).
 */
export const ITEM_BASE: Record<string, number> = {
  "ORG-01": 2.4,
  "ORG-02": 2.3,
  "ORG-03": 1.9,
  "ORG-05": 2.3,
  "ORG-06": 1.9,
  "ORG-07": 0.7,
  "PROC-01": 3.1,
  "PROC-02": 1.8,
  "PROC-03": 2.2,
  "PROC-04": 1.8,
  "PROC-05": 2.6,
  "SERV-02": 2.2,
  "SERV-03": 2.3,
  "SERV-04": 2.5,
  "SERV-05": 1.7,
  "SERV-06": 2.0,
  "PIAT-01": 3.5,
  "PIAT-02": 3.4,
  "PIAT-03": 3.0,
  "PIAT-04": 1.9,
  "PIAT-05": 2.6,
  "PIAT-06": 2.6,
  "PIAT-07": 2.6,
  "PIAT-08": 2.5,
  "DATI-01": 0.6,
  "DATI-02": 1.7,
  "DATI-03": 0.7,
  "DATI-04": 1.9,
  "DATI-05": 0.4,
  "INFR-02": 1.8,
  "INFR-03": 1.9,
  "INFR-04": 1.8,
  "SIC-01": 2.0,
  "SIC-02": 1.8,
  "SIC-03": 1.8,
  "SIC-04": 1.8,
  "SIC-06": 2.4,
  "SIC-07": 0.6,
  "SIC-08": 1.9,
};

/** How far one step of capacity moves a level: capacity 0.2 → −0.9, capacity 0.85 → +1. */
export const CAPACITY_SLOPE = 3;

/** Notes the referents write beside an answer, by how the item went (low: 0–1, high: 3–4). */
export const NOTES: Record<string, { low?: string; mid?: string; high?: string }> = {
  "ORG-01": {
    low: "Il RTD non è ancora nominato: le funzioni le svolge di fatto il segretario comunale, in convenzione con altri due comuni.",
    mid: "RTD nominato (il segretario comunale), ma senza un ufficio: i compiti sono divisi tra segreteria e ragioneria.",
    high: "RTD nominato con decreto del sindaco; l'ufficio per la transizione digitale è in forma associata presso la Comunità Montana.",
  },
  "ORG-02": {
    mid: "Il supporto informatico è del fornitore del gestionale; la Comunità Montana coordina solo il sito e la PEC.",
    high: "Servizi informatici associati con la Comunità Montana: assistenza, rete e acquisti comuni.",
  },
  "ORG-03": {
    low: "Nel DUP il digitale compare solo come spesa per il software.",
    high: "Il DUP triennale ha una sezione con gli obiettivi di digitalizzazione, ripresi nel PIAO.",
  },
  "ORG-05": {
    mid: "Il sindaco segue i progetti PNRR; la giunta ne discute quando c'è da approvare una spesa.",
    high: "Un assessore ha la delega all'innovazione e partecipa alle sessioni della rilevazione.",
  },
  "ORG-07": {
    low: "Nessuna misura dell'uso dei servizi online: sappiamo solo quante pratiche arrivano allo sportello.",
  },
  "PROC-01": {
    high: "Tutti gli acquisti ICT passano dal MePA o da Sintel (ARIA Lombardia).",
  },
  "PROC-02": {
    low: "Il software si rinnova con il fornitore storico; la valutazione dell'art. 68 non è mai stata fatta.",
    high: "Per il nuovo gestionale dei tributi la valutazione comparativa è allegata alla determina.",
  },
  "PROC-05": {
    high: "Le gare ICT passano dalla Centrale unica di committenza della Comunità Montana.",
  },
  "SERV-02": {
    low: "Il sito è di dieci anni fa, con le notizie e l'albo pretorio; le schede dei servizi mancano.",
    mid: "Il nuovo sito del modello Comuni (misura 1.4.1) è online, ma metà delle schede dei servizi è ancora vuota.",
    high: "Sito conforme al modello Comuni di Designers Italia, schede complete per tutti i servizi.",
  },
  "SERV-03": {
    low: "La dichiarazione di accessibilità non è aggiornata da tre anni; gli obiettivi non sono stati pubblicati.",
    high: "Dichiarazione su form.AGID entro il 23 settembre e obiettivi pubblicati entro il 31 marzo.",
  },
  "SERV-04": {
    mid: "Protocollo informatico in uso; il manuale di gestione c'è ma non è pubblicato in Amministrazione trasparente.",
    high: "Manuali pubblicati e conservazione a norma affidata con contratto al conservatore del fornitore.",
  },
  "PIAT-01": {
    mid: "SPID e CIE attivi sul portale dei servizi, ma i moduli della scuola si scaricano ancora in PDF.",
    high: "SPID e CIE su tutti i servizi online; le credenziali del vecchio portale sono state dismesse.",
  },
  "PIAT-02": {
    mid: "Con pagoPA si pagano la TARI e i diritti di segreteria; la mensa si paga ancora con bonifico.",
    high: "Tutte le entrate passano da pagoPA, anche la mensa e le lampade votive.",
  },
  "PIAT-03": {
    low: "App IO attivata con la misura 1.4.3, ma nessun servizio pubblicato: manca chi se ne occupi.",
    high: "Su App IO arrivano gli avvisi TARI e le scadenze della carta d'identità.",
  },
  "PIAT-04": {
    low: "SEND non ancora attivato: le notifiche passano dal messo comunale e dalle raccomandate.",
  },
  "PIAT-06": {
    high: "SUAP su Impresa in un giorno, con lo sportello associato della Comunità Montana.",
  },
  "DATI-01": {
    low: "Nessun dataset pubblicato: i dati sono nei gestionali e nessuno ha il tempo di estrarli.",
    mid: "Pubblichiamo i bilanci in formato aperto sul sito, ma non sono su dati.gov.it.",
  },
  "DATI-03": {
    low: "Non esiste un registro delle banche dati; ogni ufficio conosce le sue.",
  },
  "DATI-05": {
    low: "Alcuni dipendenti usano assistenti di IA per scrivere le lettere, senza regole scritte.",
  },
  "INFR-02": {
    low: "Il server è in un armadio dell'ufficio tecnico, senza condizionamento né gruppo di continuità.",
    high: "Nessun server in municipio: i gestionali sono in cloud, resta solo la rete degli uffici.",
  },
  "INFR-03": {
    low: "Il municipio è collegato in ADSL; le frazioni e la scuola non hanno la fibra.",
    mid: "Fibra FTTH in municipio, senza linea di riserva; le sedi distaccate sono in FWA.",
    high: "Fibra in municipio e nella biblioteca, con una linea di riserva in FWA.",
  },
  "INFR-04": {
    low: "Tre postazioni hanno ancora Windows 10 senza aggiornamenti estesi; l'inventario non c'è.",
  },
  "SIC-02": {
    low: "Il backup si fa su un disco esterno, quando ci si ricorda; mai provato un ripristino.",
    high: "Backup giornaliero in cloud e copia settimanale fuori sede; ripristino provato negli ultimi sei mesi.",
  },
  "SIC-03": {
    low: "Le credenziali del gestionale sono condivise tra gli uffici; l'autenticazione a due fattori non è attiva.",
    high: "MFA su posta e gestionali per tutti gli utenti, anche per gli amministratori.",
  },
  "SIC-07": {
    low: "Non c'è un piano di continuità: se si ferma il gestionale si ferma lo sportello.",
  },
};

/** Items a comune declared not applicable, with the reason it gave. */
export const NOT_APPLICABLE: { comune: ComuneName; item: string; reason: string }[] = [
  {
    comune: "Cecima",
    item: "INFR-02",
    reason:
      "Il comune non ha server propri: i gestionali sono in cloud presso il fornitore e i documenti in una cartella della Comunità Montana.",
  },
  {
    comune: "Santa Margherita di Staffora",
    item: "PIAT-06",
    reason:
      "SUAP e SUE sono delegati alla Comunità Montana, che risponde per tutti i comuni associati: il comune non ha uno sportello proprio.",
  },
  {
    comune: "Rocca Susella",
    item: "INFR-02",
    reason: "Nessun server in municipio: gli applicativi sono tutti in cloud.",
  },
  {
    comune: "Borgo Priolo",
    item: "PIAT-06",
    reason: "Lo sportello unico per le attività produttive è gestito dall'unione dei comuni per conto del comune.",
  },
];

/**
 * What a piece of evidence is made of, given the comune's site and IPA code, the year before
 * the seed's, a number (an act's) and a count of uses in the last three months.
 */
export type EvidenceContext = { site: string; ipaCode: string; year: number; n: number; count: number };
export type EvidenceSpec =
  | { kind: "LINK"; title: string; url: string }
  /** the act's month (1–12) of `year`; the day comes from `n` */
  | { kind: "ACT"; title: string; actNumber: string; month: number }
  | { kind: "TEXT"; title: string; text: string };

/** The evidence a referent attaches to an item, when they attach one. */
export const EVIDENCE: Record<string, (c: EvidenceContext) => EvidenceSpec> = {
  "ORG-01": (c) => ({
    kind: "ACT",
    title: "Decreto sindacale di nomina del Responsabile per la transizione al digitale",
    actNumber: `Decreto n. ${c.n % 12 || 3}/${c.year}`,
    month: 2,
  }),
  "ORG-02": (c) => ({
    kind: "ACT",
    title: "Convenzione con la Comunità Montana per la gestione associata dei servizi informatici",
    actNumber: `Delibera C.C. n. ${c.n % 30 || 21}/${c.year - 1}`,
    month: 10,
  }),
  "ORG-03": (c) => ({
    kind: "ACT",
    title: `DUP ${c.year}–${c.year + 2}, sezione operativa: obiettivi di digitalizzazione`,
    actNumber: `Delibera C.C. n. ${c.n % 20 || 9}/${c.year}`,
    month: 3,
  }),
  "ORG-05": (c) => ({
    kind: "TEXT",
    title: "Verbale della giunta",
    text: `La giunta ha esaminato l'avvio della rilevazione e le priorità digitali del comune nella seduta n. ${c.n % 40 || 12} del ${c.year}.`,
  }),
  "ORG-06": (c) => ({
    kind: "LINK",
    title: "Adesione alla community di riuso dei comuni lombardi",
    url: `${c.site}/novita/comunicati/adesione-community-riuso`,
  }),
  "PROC-01": (c) => ({
    kind: "LINK",
    title: "Bandi di gara e contratti in Amministrazione trasparente",
    url: `${c.site}/amministrazione-trasparente/bandi-di-gara-e-contratti`,
  }),
  "PROC-02": () => ({
    kind: "TEXT",
    title: "Valutazione comparativa art. 68 CAD",
    text: "Valutazione comparativa per il gestionale dei tributi: riuso (nessuna soluzione adatta nel catalogo), open source (una, senza assistenza in Lombardia), mercato (tre offerte SaaS qualificate ACN).",
  }),
  "PROC-03": (c) => ({
    kind: "ACT",
    title: "Programma triennale degli acquisti di beni e servizi",
    actNumber: `Delibera G.C. n. ${c.n % 60 || 45}/${c.year}`,
    month: 1,
  }),
  "PROC-04": () => ({
    kind: "TEXT",
    title: "Clausole del contratto del gestionale demografico",
    text: "Art. 12: restituzione dei dati in formato aperto entro 30 giorni dalla fine del contratto; art. 14: piano di uscita concordato con il nuovo fornitore.",
  }),
  "PROC-05": (c) => ({
    kind: "ACT",
    title: "Adesione alla Centrale unica di committenza della Comunità Montana",
    actNumber: `Delibera C.C. n. ${c.n % 25 || 14}/${c.year - 1}`,
    month: 5,
  }),
  "SERV-01": (c) => ({ kind: "LINK", title: "Servizi online del comune", url: `${c.site}/servizi` }),
  "SERV-02": (c) => ({ kind: "LINK", title: "Sito del comune", url: `${c.site}/` }),
  "SERV-03": (c) => ({
    kind: "LINK",
    title: "Dichiarazione e obiettivi di accessibilità",
    url: `${c.site}/amministrazione-trasparente/altri-contenuti/accessibilita-e-catalogo-di-dati`,
  }),
  "SERV-04": (c) => ({
    kind: "LINK",
    title: "Manuale di gestione documentale",
    url: `${c.site}/amministrazione-trasparente/disposizioni-generali/atti-generali`,
  }),
  "SERV-05": (c) => ({
    kind: "TEXT",
    title: "Valutazioni delle pagine dei servizi",
    text: `Nelle schede dei servizi ${c.count} valutazioni negli ultimi 3 mesi; le richieste più frequenti riguardano gli orari degli uffici.`,
  }),
  "SERV-06": (c) => ({
    kind: "TEXT",
    title: "Back office PDND",
    text: `${(c.n % 3) + 2} e-service fruiti negli ultimi 3 mesi (ANPR, INPS ISEE, Agenzia delle Entrate).`,
  }),
  "PIAT-01": (c) => ({
    kind: "TEXT",
    title: "Accessi con SPID e CIE",
    text: `${c.count * 3} accessi con SPID o CIE ai servizi online negli ultimi 3 mesi (dati del portale dei servizi).`,
  }),
  "PIAT-02": (c) => ({
    kind: "TEXT",
    title: "Cruscotto pagoPA",
    text: `${c.count * 4} pagamenti pagoPA negli ultimi 3 mesi: TARI, mensa scolastica, diritti di segreteria.`,
  }),
  "PIAT-03": (c) => ({
    kind: "TEXT",
    title: "Messaggi inviati con App IO",
    text: `${c.count * 2} messaggi su App IO negli ultimi 3 mesi (avvisi TARI, scadenza della carta d'identità).`,
  }),
  "PIAT-04": (c) => ({
    kind: "TEXT",
    title: "Notifiche SEND",
    text: `${Math.max(4, Math.round(c.count / 3))} atti notificati con SEND negli ultimi 3 mesi (verbali della polizia locale, accertamenti IMU).`,
  }),
  "PIAT-05": () => ({
    kind: "TEXT",
    title: "Servizi ANPR in uso",
    text: "Certificati anagrafici scaricati dai cittadini da ANPR; liste elettorali e stato civile (ANSC) in subentro.",
  }),
  "PIAT-06": () => ({
    kind: "LINK",
    title: "SUAP su Impresa in un giorno",
    url: "https://www.impresainungiorno.gov.it/",
  }),
  "PIAT-07": (c) => ({
    kind: "TEXT",
    title: "Scheda IndicePA del comune",
    text: `Dati verificati su IndicePA (codice ${c.ipaCode}): PEC, RTD, aree organizzative omogenee e servizi aggiornati nel ${c.year}.`,
  }),
  "DATI-01": (c) => ({
    kind: "LINK",
    title: "Dataset del comune",
    url: `${c.site}/amministrazione-trasparente/altri-contenuti/dati-ulteriori`,
  }),
  "DATI-03": (c) => ({
    kind: "ACT",
    title: "Registro delle banche dati e dei responsabili",
    actNumber: `Delibera G.C. n. ${c.n % 60 || 45}/${c.year}`,
    month: 6,
  }),
  "DATI-04": () => ({
    kind: "TEXT",
    title: "Dati acquisiti da altre amministrazioni",
    text: "Residenze e stato di famiglia da ANPR; ISEE da INPS tramite PDND per le agevolazioni della mensa.",
  }),
  "INFR-01": () => ({
    kind: "TEXT",
    title: "Piano di migrazione al cloud",
    text: "Applicativi migrati su servizi SaaS qualificati ACN: demografici, contabilità, protocollo. Restano in sede tributi e ufficio tecnico.",
  }),
  "INFR-03": () => ({
    kind: "TEXT",
    title: "Contratto di connettività",
    text: "Fibra FTTH 1 Gbit/s in municipio con linea di riserva FWA (contratto quadro Consip).",
  }),
  "INFR-04": (c) => ({
    kind: "TEXT",
    title: "Inventario di hardware e software",
    text: `Inventario aggiornato al ${c.year}: ${(c.n % 8) + 6} postazioni, tutte con sistema operativo supportato; licenze in scadenza segnate.`,
  }),
  "SIC-01": (c) => ({
    kind: "ACT",
    title: "Nomina del referente per la sicurezza informatica",
    actNumber: `Delibera G.C. n. ${c.n % 60 || 45}/${c.year}`,
    month: 4,
  }),
  "SIC-02": () => ({
    kind: "TEXT",
    title: "Verbale della prova di ripristino",
    text: "Ripristino completo del gestionale demografico da backup, in 3 ore, verificato dal fornitore e dal RTD.",
  }),
  "SIC-03": (c) => ({
    kind: "TEXT",
    title: "Autenticazione a più fattori",
    text: `MFA attiva su posta e gestionali per ${(c.n % 6) + 5} utenti su ${(c.n % 6) + 5}.`,
  }),
  "SIC-04": (c) => ({
    kind: "ACT",
    title: "Procedura per gli incidenti e le violazioni dei dati personali",
    actNumber: `Delibera G.C. n. ${(c.n % 50) + 20}/${c.year}`,
    month: 7,
  }),
  "SIC-06": () => ({
    kind: "TEXT",
    title: "Aggiornamenti e protezione",
    text: "Aggiornamenti automatici su tutte le postazioni, antivirus gestito dal fornitore, HTTPS su sito e portale dei servizi.",
  }),
  "SIC-08": () => ({
    kind: "TEXT",
    title: "Requisiti di sicurezza nei contratti",
    text: "I contratti del gestionale e del sito richiedono la qualificazione ACN e la notifica degli incidenti entro 24 ore.",
  }),
};

/** The reason a facilitator gives when they enter a dimension during a group session. */
export function sessionReason(day: string): string {
  return `Sessione di gruppo in municipio del ${day.split("-").reverse().join("/")}: risposte concordate con il segretario comunale e l'ufficio tecnico.`;
}
