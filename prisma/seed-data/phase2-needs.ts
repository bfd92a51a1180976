/**
 * The needs register of the demo (prisma/seed-phase2.ts records them through the needs
 * model): what the facilitators collected from office interviews, observation, the desk
 * registers, the assessment's gaps, citizens' requests and elsewhere, and one need a
 * referent proposed for their own comune. The shared gaps the validations find are added by
 * the app itself as PROPOSED needs ("Divario condiviso …").
 */
import type { ComuneName } from "./phase2-answers";

export type DemoNeed = {
  key: string;
  title: string;
  description: string;
  comuni: ComuneName[];
  dimension: "ORG" | "PROC" | "SERV" | "PIAT" | "DATI" | "INFR" | "SIC";
  impact: number;
  feasibility: number;
  requirements: { text: string; level: "MUST" | "SHOULD" }[];
  budgetCapEuro?: number;
  timeCapMonths?: number;
  sourceKind: "OFFICE_INTERVIEW" | "OBSERVATION" | "DESK_REGISTER" | "ASSESSMENT_GAP" | "CITIZEN_REQUEST" | "OTHER";
  sourceNote: string;
  /** days before the seed's today */
  daysAgo: number;
  /** who records it: the facilitator, or the referent of the (only) comune */
  by?: "referent";
  /** what happens to it afterwards */
  outcome?: { mergedInto: string } | { discarded: string };
};

const ALL_SMALL: ComuneName[] = [
  "Bagnaria",
  "Brallo di Pregola",
  "Cecima",
  "Fortunago",
  "Menconico",
  "Montesegale",
  "Rocca Susella",
  "Santa Margherita di Staffora",
  "Val di Nizza",
];

export const DEMO_NEEDS: DemoNeed[] = [
  {
    key: "anagrafe",
    title: "Prenotazione online degli appuntamenti all'anagrafe",
    description:
      "Per la carta d'identità elettronica e i certificati gli sportelli ricevono su appuntamento, preso per telefono negli orari d'ufficio. Nei comuni piccoli l'anagrafe è aperta due mattine a settimana: chi lavora fuori valle perde un giorno. Serve un'agenda online con accesso SPID/CIE, promemoria e la possibilità di spostare l'appuntamento.",
    comuni: ["Varzi", "Godiasco Salice Terme", "Ponte Nizza", "Zavattarello", "Bagnaria"],
    dimension: "SERV",
    impact: 4,
    feasibility: 4,
    requirements: [
      {
        text: "Accesso con SPID e CIE, e prenotazione anche senza identità digitale per chi non ce l'ha",
        level: "MUST",
      },
      { text: "Promemoria via email o App IO il giorno prima dell'appuntamento", level: "MUST" },
      { text: "Agenda condivisa tra i comuni dello sportello associato", level: "SHOULD" },
      { text: "Soluzione a riuso o in SaaS qualificato ACN", level: "MUST" },
    ],
    budgetCapEuro: 12_000,
    timeCapMonths: 6,
    sourceKind: "DESK_REGISTER",
    sourceNote:
      "Registro dello sportello anagrafe di Varzi, tre settimane di ottobre: 64 richieste di appuntamento per la CIE, 41 arrivate per telefono fuori orario.",
    daysAgo: 21,
  },
  {
    key: "cie",
    title: "Appuntamenti online per la carta d'identità elettronica",
    description:
      "A Godiasco Salice Terme e a Montalto Pavese le prenotazioni della CIE si raccolgono su un quaderno allo sportello; d'estate, con i villeggianti, l'attesa supera le tre settimane.",
    comuni: ["Godiasco Salice Terme", "Montalto Pavese"],
    dimension: "SERV",
    impact: 3,
    feasibility: 4,
    requirements: [{ text: "Prenotazione dal sito del comune con SPID o CIE", level: "MUST" }],
    budgetCapEuro: 4_000,
    timeCapMonths: 4,
    sourceKind: "DESK_REGISTER",
    sourceNote: "Quaderno delle prenotazioni dello sportello anagrafe di Godiasco Salice Terme, luglio–settembre.",
    daysAgo: 18,
    outcome: { mergedInto: "anagrafe" },
  },
  {
    key: "tari",
    title: "Pagamento TARI con pagoPA e avvisi su App IO",
    description:
      "Gli avvisi TARI arrivano per posta con il modello F24; chi vive fuori comune (seconde case) paga in ritardo e riceve solleciti. La misura 1.4.3 ha finanziato pagoPA e App IO in quasi tutti i comuni, ma l'avviso TARI non è ancora integrato: servono l'avviso pagoPA nel gestionale dei tributi e il messaggio su App IO con la scadenza.",
    comuni: [
      "Godiasco Salice Terme",
      "Romagnese",
      "Varzi",
      "Colli Verdi",
      "Zavattarello",
      "Brallo di Pregola",
      "Val di Nizza",
      "Menconico",
    ],
    dimension: "PIAT",
    impact: 4,
    feasibility: 5,
    requirements: [
      { text: "Avviso di pagamento pagoPA generato dal gestionale dei tributi", level: "MUST" },
      { text: "Messaggio su App IO con importo, scadenza e pulsante di pagamento", level: "MUST" },
      { text: "Rateizzazione in tre rate con avvisi separati", level: "SHOULD" },
    ],
    budgetCapEuro: 8_000,
    timeCapMonths: 4,
    sourceKind: "OFFICE_INTERVIEW",
    sourceNote: "Interviste agli uffici tributi di Godiasco Salice Terme e di Romagnese.",
    daysAgo: 20,
  },
  {
    key: "cloud",
    title: "Migrazione al cloud qualificato ACN del gestionale",
    description:
      "In metà dei comuni demografici, contabilità e tributi girano su un server in municipio, spesso senza condizionamento né gruppo di continuità. La migrazione a servizi SaaS qualificati ACN (misura 1.2) è finanziata solo in parte: serve un percorso comune, con lo stesso fornitore dove possibile, e un piano di uscita dal contratto attuale.",
    comuni: [
      "Bagnaria",
      "Brallo di Pregola",
      "Cecima",
      "Colli Verdi",
      "Fortunago",
      "Menconico",
      "Montesegale",
      "Romagnese",
      "Santa Margherita di Staffora",
      "Val di Nizza",
    ],
    dimension: "INFR",
    impact: 4,
    feasibility: 3,
    requirements: [
      { text: "Servizi qualificati ACN, con i dati in data center in Italia", level: "MUST" },
      { text: "Migrazione dei dati storici e restituzione in formato aperto a fine contratto", level: "MUST" },
      { text: "Un solo contratto per i comuni aderenti, tramite la Centrale unica di committenza", level: "SHOULD" },
    ],
    budgetCapEuro: 60_000,
    timeCapMonths: 12,
    sourceKind: "ASSESSMENT_GAP",
    sourceNote:
      "Divario dell'assessment su INFR-01 (applicativi migrati su cloud qualificato) e INFR-02 (server locali): punteggi bassi nella maggior parte dei comuni validati.",
    daysAgo: 12,
  },
  {
    key: "sito",
    title: "Sito comunale conforme al modello Comuni di Designers Italia",
    description:
      "Molti siti sono stati rifatti con la misura 1.4.1, ma le schede dei servizi sono vuote o copiate dal vecchio sito, la dichiarazione di accessibilità non è aggiornata e i cittadini non trovano gli orari. Serve completare le schede con il modello, una redazione condivisa e una verifica con gli utenti.",
    comuni: ["Ponte Nizza", "Bagnaria", "Cecima", "Fortunago", "Montesegale", "Rocca Susella"],
    dimension: "SERV",
    impact: 3,
    feasibility: 4,
    requirements: [
      { text: "Schede dei servizi complete secondo il modello Comuni", level: "MUST" },
      { text: "Dichiarazione di accessibilità pubblicata ogni anno entro il 23 settembre", level: "MUST" },
      { text: "Valutazione della pagina da parte degli utenti", level: "SHOULD" },
    ],
    budgetCapEuro: 25_000,
    timeCapMonths: 9,
    sourceKind: "OBSERVATION",
    sourceNote:
      "Analisi dei siti durante le sessioni di gruppo: schede dei servizi incomplete in 6 comuni, dichiarazione di accessibilità non aggiornata in 4.",
    daysAgo: 16,
  },
  {
    key: "cyber",
    title: "Formazione sulla cybersicurezza per dipendenti e amministratori",
    description:
      "Dopo il tentativo di phishing sulla PEC di un comune, la Comunità Montana propone un percorso comune: una lezione in presenza, una simulazione di phishing ogni sei mesi e le regole essenziali per password, posta e chiavette.",
    comuni: [
      "Bagnaria",
      "Brallo di Pregola",
      "Cecima",
      "Colli Verdi",
      "Fortunago",
      "Menconico",
      "Montalto Pavese",
      "Montesegale",
      "Ponte Nizza",
      "Rocca Susella",
      "Santa Margherita di Staffora",
      "Val di Nizza",
    ],
    dimension: "SIC",
    impact: 4,
    feasibility: 5,
    requirements: [
      { text: "Corso per tutti i dipendenti e gli amministratori, con attestato", level: "MUST" },
      { text: "Simulazione di phishing due volte l'anno, con i risultati per comune", level: "SHOULD" },
    ],
    budgetCapEuro: 5_000,
    timeCapMonths: 3,
    sourceKind: "OTHER",
    sourceNote: "Proposta della Comunità Montana dopo il tentativo di phishing sulla PEC di un comune, a settembre.",
    daysAgo: 14,
  },
  {
    key: "bul",
    title: "Connettività in banda ultralarga nelle frazioni",
    description:
      "Nelle frazioni alte la connessione è in ADSL o assente: i cittadini non riescono a usare i servizi online e le imprese turistiche perdono prenotazioni. Il piano nazionale BUL copre i capoluoghi; per le frazioni servono la verifica dei cantieri e, dove mancano, soluzioni FWA o satellitari per le sedi pubbliche.",
    comuni: ["Brallo di Pregola", "Santa Margherita di Staffora", "Menconico", "Romagnese", "Varzi"],
    dimension: "INFR",
    impact: 5,
    feasibility: 2,
    requirements: [
      { text: "Mappa delle frazioni scoperte, verificata con i cantieri del piano BUL", level: "MUST" },
      { text: "Connessione di riserva per municipio, scuola e biblioteca", level: "SHOULD" },
    ],
    timeCapMonths: 24,
    sourceKind: "CITIZEN_REQUEST",
    sourceNote: "Richieste dei cittadini sulla connessione internet arrivate da cinque comuni.",
    daysAgo: 9,
  },
  {
    key: "suap",
    title: "Sportello SUAP telematico in forma associata",
    description:
      "Le pratiche delle attività produttive arrivano ancora per PEC con allegati scansionati; l'ufficio tecnico le ricarica a mano. Uno sportello associato su Impresa in un giorno, con la modulistica regionale, ridurrebbe tempi ed errori.",
    comuni: [
      "Ponte Nizza",
      "Godiasco Salice Terme",
      "Bagnaria",
      "Val di Nizza",
      "Cecima",
      "Rocca Susella",
      "Montesegale",
    ],
    dimension: "PIAT",
    impact: 3,
    feasibility: 4,
    requirements: [
      { text: "Pratiche secondo le specifiche tecniche nazionali del SUAP", level: "MUST" },
      { text: "Pagamento dei diritti con pagoPA dentro la pratica", level: "MUST" },
      { text: "Un solo sportello per i comuni aderenti", level: "SHOULD" },
    ],
    budgetCapEuro: 15_000,
    timeCapMonths: 8,
    sourceKind: "OFFICE_INTERVIEW",
    sourceNote: "Intervista all'ufficio tecnico di Ponte Nizza: 120 pratiche SUAP l'anno, tutte ricaricate a mano.",
    daysAgo: 11,
  },
  {
    key: "scuola",
    title: "Iscrizione alla mensa e al trasporto scolastico online",
    description:
      "Le famiglie compilano i moduli di iscrizione alla mensa e allo scuolabus in municipio e pagano le rette con bonifico. Serve un'iscrizione online con SPID/CIE, il calcolo delle tariffe dall'ISEE (tramite PDND) e il pagamento con pagoPA.",
    comuni: ["Varzi", "Godiasco Salice Terme", "Bagnaria", "Zavattarello"],
    dimension: "SERV",
    impact: 3,
    feasibility: 4,
    requirements: [
      { text: "Iscrizione con SPID o CIE, anche per il secondo genitore", level: "MUST" },
      { text: "Tariffa calcolata dall'ISEE senza chiedere documenti", level: "SHOULD" },
      { text: "Rette pagabili con pagoPA e avvisi su App IO", level: "MUST" },
    ],
    budgetCapEuro: 10_000,
    timeCapMonths: 6,
    sourceKind: "CITIZEN_REQUEST",
    sourceNote: "Richieste delle famiglie di Varzi e di Godiasco Salice Terme.",
    daysAgo: 8,
  },
  {
    key: "backup",
    title: "Backup in cloud e prove di ripristino",
    description:
      "I backup si fanno su dischi esterni conservati in municipio, quando qualcuno se ne ricorda; nessun comune piccolo ha mai provato un ripristino. Un servizio di backup in cloud con una prova di ripristino l'anno protegge dai ransomware.",
    comuni: ALL_SMALL,
    dimension: "SIC",
    impact: 4,
    feasibility: 4,
    requirements: [
      { text: "Copia giornaliera fuori sede, cifrata, con conservazione di 30 giorni", level: "MUST" },
      { text: "Una prova di ripristino documentata ogni anno", level: "MUST" },
    ],
    budgetCapEuro: 18_000,
    timeCapMonths: 6,
    sourceKind: "ASSESSMENT_GAP",
    sourceNote: "Divario dell'assessment su SIC-02 (backup e prove di ripristino).",
    daysAgo: 10,
  },
  {
    key: "dati",
    title: "Registro delle banche dati e primi dataset aperti",
    description:
      "Nessun comune piccolo sa con precisione quali banche dati tiene e chi ne risponde; nessuno pubblica dataset su dati.gov.it. Un registro comune e tre dataset per comune (bilancio, strutture ricettive, orari dei servizi) sono alla portata, con l'aiuto della Comunità Montana.",
    comuni: ["Cecima", "Fortunago", "Montesegale", "Rocca Susella", "Menconico", "Brallo di Pregola"],
    dimension: "DATI",
    impact: 2,
    feasibility: 4,
    requirements: [
      { text: "Registro delle banche dati con il responsabile di ciascuna", level: "MUST" },
      { text: "Dataset con licenza CC BY 4.0 e metadati DCAT-AP_IT", level: "SHOULD" },
    ],
    budgetCapEuro: 6_000,
    timeCapMonths: 6,
    sourceKind: "OBSERVATION",
    sourceNote: "Osservazione durante le sessioni di gruppo sulla dimensione Dati.",
    daysAgo: 7,
  },
  {
    key: "mfa",
    title: "Autenticazione a più fattori sulla posta e sui gestionali",
    description:
      "Negli uffici le credenziali del gestionale sono spesso condivise e la posta si apre con la sola password. Attivare la MFA è quasi sempre gratuito, ma serve un accompagnamento ufficio per ufficio.",
    comuni: [
      "Bagnaria",
      "Cecima",
      "Fortunago",
      "Menconico",
      "Montesegale",
      "Romagnese",
      "Rocca Susella",
      "Santa Margherita di Staffora",
      "Val di Nizza",
      "Zavattarello",
    ],
    dimension: "SIC",
    impact: 3,
    feasibility: 5,
    requirements: [
      { text: "Credenziali personali per ogni dipendente", level: "MUST" },
      { text: "MFA su posta, PEC e gestionali", level: "MUST" },
    ],
    budgetCapEuro: 2_000,
    timeCapMonths: 2,
    sourceKind: "OBSERVATION",
    sourceNote: "Osservazione negli uffici durante le sessioni di gruppo.",
    daysAgo: 6,
  },
  {
    key: "protocollo",
    title: "Protocollo informatico e conservazione a norma in forma associata",
    description:
      "In cinque comuni il manuale di gestione documentale non è pubblicato e la conservazione a norma non ha un contratto. Un servizio associato con un conservatore qualificato e un manuale tipo adattato a ciascun comune chiude l'obbligo.",
    comuni: ["Cecima", "Fortunago", "Menconico", "Montesegale", "Rocca Susella"],
    dimension: "SERV",
    impact: 3,
    feasibility: 4,
    requirements: [
      { text: "Manuale di gestione documentale pubblicato in Amministrazione trasparente", level: "MUST" },
      { text: "Contratto di conservazione con un conservatore qualificato", level: "MUST" },
    ],
    budgetCapEuro: 9_000,
    timeCapMonths: 6,
    sourceKind: "OFFICE_INTERVIEW",
    sourceNote: "Interviste alle segreterie dei cinque comuni.",
    daysAgo: 5,
  },
  {
    key: "app-strade",
    title: "App comunale per le segnalazioni stradali",
    description:
      "Alcuni cittadini chiedono un'app per segnalare buche, frane e lampioni spenti, con la foto e la posizione.",
    comuni: ["Varzi", "Ponte Nizza"],
    dimension: "SERV",
    impact: 2,
    feasibility: 2,
    requirements: [{ text: "Segnalazione con foto e posizione", level: "MUST" }],
    budgetCapEuro: 20_000,
    timeCapMonths: 6,
    sourceKind: "OTHER",
    sourceNote: "Proposta emersa in consiglio comunale a Ponte Nizza.",
    daysAgo: 15,
    outcome: {
      discarded:
        "Le segnalazioni arrivano già al servizio strade associato della Comunità Montana: un'app per comune costerebbe più di quanto serve. Si userà il modulo di segnalazione del sito del modello Comuni.",
    },
  },
  {
    key: "archivio-edilizio",
    title: "Digitalizzazione dell'archivio delle pratiche edilizie",
    description:
      "L'archivio delle pratiche edilizie di Varzi è su carta dal 1960: ogni richiesta di accesso agli atti costa mezza giornata all'ufficio tecnico. Servono la scansione delle pratiche più richieste e un indice consultabile.",
    comuni: ["Varzi"],
    dimension: "SERV",
    impact: 3,
    feasibility: 3,
    requirements: [
      { text: "Indice delle pratiche per foglio e mappale", level: "MUST" },
      { text: "Scansione delle pratiche dal 1990 in poi", level: "SHOULD" },
    ],
    budgetCapEuro: 15_000,
    timeCapMonths: 10,
    sourceKind: "OFFICE_INTERVIEW",
    sourceNote: "Proposto dal referente comunale dopo il colloquio con l'ufficio tecnico.",
    daysAgo: 4,
    by: "referent",
  },
];
