/**
 * The citizens' requests of the demo (prisma/seed-phase2.ts sends them through the public
 * form's model and moderates them through the moderation model): what people of the 18
 * comuni asked, by every channel, and how the moderators decided. The receipt codes are
 * random (the model draws them): browser tests find a request by its `text`.
 */
import type { ComuneName } from "./phase2-answers";

type Topic =
  | "ANAGRAFE"
  | "TRIBUTI"
  | "SCUOLA"
  | "EDILIZIA"
  | "SUAP"
  | "SOCIALE"
  | "RIFIUTI"
  | "STRADE"
  | "TURISMO"
  | "SITO_WEB"
  | "CONNESSIONE"
  | "ALTRO";

export type DemoRequest = {
  key: string;
  comune: ComuneName;
  topic: Topic;
  text: string;
  currentContact?: string;
  ageBand?: "AGE_14_34" | "AGE_35_64" | "AGE_65_PLUS";
  /** given with the consent to be contacted */
  contactEmail?: string;
  channel: "WEB" | "SPORTELLO" | "CARTACEO" | "FACILITATORE";
  /** days before the seed's today */
  daysAgo: number;
  outcome:
    | { status: "RECEIVED" }
    | {
        status: "APPROVED";
        summary: string;
        /** "Anche per me" presses */
        supports: number;
        /** the key of the need it was linked to (prisma/seed-data/phase2-needs.ts) */
        need?: string;
        by?: "referent";
      }
    | {
        status: "REJECTED";
        reason: "OFF_TOPIC" | "PERSONAL_CASE" | "OFFENSIVE" | "DUPLICATE" | "PERSONAL_DATA";
        by?: "referent";
      }
    | { status: "SPAM" }
    | { status: "MERGED"; into: string };
};

export const DEMO_REQUESTS: DemoRequest[] = [
  // ── Varzi: a request in every state ──
  {
    key: "varzi-mensa",
    comune: "Varzi",
    topic: "SCUOLA",
    text: "Ogni settembre devo prendere un permesso per andare in municipio a iscrivere i miei due figli alla mensa e allo scuolabus, e poi pagare le rette con un bonifico. Vorrei poter fare l'iscrizione online e pagare con pagoPA, come per la TARI.",
    currentContact: "Sportello della segreteria, il martedì mattina",
    ageBand: "AGE_35_64",
    contactEmail: "elisa.genitore@example.org",
    channel: "WEB",
    daysAgo: 34,
    outcome: {
      status: "APPROVED",
      summary: "Iscrizione online alla mensa e al trasporto scolastico, con il pagamento delle rette tramite pagoPA.",
      supports: 7,
      need: "scuola",
      by: "referent",
    },
  },
  {
    key: "varzi-cie",
    comune: "Varzi",
    topic: "ANAGRAFE",
    text: "Per rinnovare la carta d'identità bisogna telefonare all'anagrafe, che risponde solo la mattina. Sarebbe comodo prenotare l'appuntamento dal sito, scegliendo il giorno, e ricevere un promemoria.",
    currentContact: "Telefono dell'anagrafe",
    ageBand: "AGE_35_64",
    channel: "WEB",
    daysAgo: 30,
    outcome: {
      status: "APPROVED",
      summary:
        "Prenotazione online degli appuntamenti all'anagrafe per la carta d'identità elettronica, con promemoria.",
      supports: 11,
      need: "anagrafe",
    },
  },
  {
    key: "varzi-cie-sportello",
    comune: "Varzi",
    topic: "ANAGRAFE",
    text: "Chiede di poter prenotare online il rinnovo della carta d'identità, perché al telefono non risponde nessuno nel pomeriggio.",
    ageBand: "AGE_65_PLUS",
    channel: "SPORTELLO",
    daysAgo: 27,
    outcome: { status: "MERGED", into: "varzi-cie" },
  },
  {
    key: "varzi-fibra",
    comune: "Varzi",
    topic: "CONNESSIONE",
    text: "Abito in una frazione sopra il paese: internet va a singhiozzo e la fibra si ferma al capoluogo. Lavoro da casa due giorni a settimana e faccio fatica anche ad accedere ai servizi del comune con lo SPID.",
    ageBand: "AGE_14_34",
    contactEmail: "marco.frazione@example.net",
    channel: "WEB",
    daysAgo: 25,
    outcome: {
      status: "APPROVED",
      summary: "Connessione internet lenta nelle frazioni: serve la banda ultralarga anche fuori dal capoluogo.",
      supports: 9,
      need: "bul",
    },
  },
  {
    key: "varzi-eventi",
    comune: "Varzi",
    topic: "TURISMO",
    text: "Raccolta durante l'incontro pubblico in biblioteca: un calendario online degli eventi e delle sagre, aggiornato dal comune e dalle associazioni, da consultare anche dal telefono.",
    channel: "FACILITATORE",
    daysAgo: 19,
    outcome: {
      status: "APPROVED",
      summary: "Calendario online degli eventi e delle manifestazioni, aggiornato dal comune e dalle associazioni.",
      supports: 3,
    },
  },
  {
    key: "varzi-residenza",
    comune: "Varzi",
    topic: "ANAGRAFE",
    text: "Ho chiesto il cambio di residenza a luglio e la pratica non è ancora chiusa. Vorrei sapere a che punto è e perché ci vuole così tanto.",
    ageBand: "AGE_35_64",
    channel: "WEB",
    daysAgo: 16,
    outcome: { status: "REJECTED", reason: "PERSONAL_CASE", by: "referent" },
  },
  {
    key: "varzi-spam",
    comune: "Varzi",
    topic: "ALTRO",
    text: "Guadagna da casa fino a 500 euro al giorno con il nostro metodo sicuro, iscriviti subito su www.guadagni-facili.xyz e ricevi un bonus di benvenuto!",
    channel: "WEB",
    daysAgo: 12,
    outcome: { status: "SPAM" },
  },
  {
    key: "varzi-tari-io",
    comune: "Varzi",
    topic: "TRIBUTI",
    text: "Ho una seconda casa a Varzi e vivo a Milano: l'avviso della TARI arriva per posta dopo la scadenza. Vorrei riceverlo su App IO e pagarlo subito con pagoPA.",
    currentContact: "Email all'ufficio tributi",
    ageBand: "AGE_35_64",
    contactEmail: "seconda.casa@example.com",
    channel: "WEB",
    daysAgo: 4,
    outcome: { status: "RECEIVED" },
  },
  {
    key: "varzi-sito-orari",
    comune: "Varzi",
    topic: "SITO_WEB",
    text: "Sul sito https://www.comune.varzi.pv.it/ non trovo gli orari aggiornati degli uffici né i moduli per l'occupazione del suolo pubblico: potreste metterli nella pagina dei servizi?",
    ageBand: "AGE_65_PLUS",
    channel: "WEB",
    daysAgo: 2,
    outcome: { status: "RECEIVED" },
  },
  // ── Godiasco Salice Terme ──
  {
    key: "godiasco-tari",
    comune: "Godiasco Salice Terme",
    topic: "TRIBUTI",
    text: "Vorrei pagare la TARI con pagoPA dall'app della banca, senza il modello F24 cartaceo, e ricevere un avviso prima della scadenza.",
    ageBand: "AGE_35_64",
    channel: "WEB",
    daysAgo: 38,
    outcome: {
      status: "APPROVED",
      summary: "Pagamento della TARI con pagoPA e avviso di scadenza su App IO, senza il modello F24 cartaceo.",
      supports: 8,
      need: "tari",
      by: "referent",
    },
  },
  {
    key: "godiasco-tari-bis",
    comune: "Godiasco Salice Terme",
    topic: "TRIBUTI",
    text: "Anche io vorrei pagare la tassa dei rifiuti online con pagoPA invece che con il modello F24 che arriva per posta.",
    ageBand: "AGE_65_PLUS",
    channel: "WEB",
    daysAgo: 33,
    outcome: { status: "REJECTED", reason: "DUPLICATE" },
  },
  {
    key: "godiasco-dehors",
    comune: "Godiasco Salice Terme",
    topic: "SUAP",
    text: "Gestisco un bar in centro: per il dehors estivo ho dovuto mandare tre PEC con allegati diversi e pagare i diritti in tesoreria. Vorrei una pratica online unica, con il pagamento dentro.",
    currentContact: "PEC all'ufficio tecnico",
    ageBand: "AGE_35_64",
    contactEmail: "bar.centro@example.com",
    channel: "WEB",
    daysAgo: 29,
    outcome: {
      status: "APPROVED",
      summary:
        "Pratiche SUAP online in un solo passaggio, con il pagamento dei diritti incluso (per esempio per i dehors).",
      supports: 4,
      need: "suap",
    },
  },
  {
    key: "godiasco-cie-estate",
    comune: "Godiasco Salice Terme",
    topic: "ANAGRAFE",
    text: "D'estate per la carta d'identità bisogna mettersi in lista su un quaderno allo sportello e aspettare settimane. Una prenotazione online risolverebbe.",
    ageBand: "AGE_35_64",
    channel: "WEB",
    daysAgo: 24,
    outcome: {
      status: "APPROVED",
      summary: "Prenotazione online della carta d'identità elettronica, anche nei mesi estivi di maggiore richiesta.",
      supports: 5,
      need: "cie",
      by: "referent",
    },
  },
  {
    key: "godiasco-terme",
    comune: "Godiasco Salice Terme",
    topic: "TURISMO",
    text: "Chi arriva per le terme non trova online le informazioni su parcheggi, eventi e percorsi a piedi. Una pagina del comune aggiornata, anche in inglese, aiuterebbe i negozi.",
    ageBand: "AGE_14_34",
    channel: "WEB",
    daysAgo: 20,
    outcome: {
      status: "APPROVED",
      summary: "Informazioni turistiche online aggiornate (parcheggi, eventi, percorsi a piedi), anche in inglese.",
      supports: 2,
    },
  },
  {
    key: "godiasco-assistenza",
    comune: "Godiasco Salice Terme",
    topic: "SOCIALE",
    text: "Vorrei poter chiedere online il servizio di assistenza domiciliare per mia madre e sapere quali documenti servono, senza dover passare tre volte dai servizi sociali.",
    ageBand: "AGE_35_64",
    contactEmail: "figlia.assistenza@example.org",
    channel: "WEB",
    daysAgo: 3,
    outcome: { status: "RECEIVED" },
  },
  // ── the other comuni ──
  {
    key: "zavattarello-certificati",
    comune: "Zavattarello",
    topic: "ANAGRAFE",
    text: "I certificati anagrafici si possono già scaricare da ANPR, ma in comune nessuno lo sa e si va ancora allo sportello. Mettete le istruzioni sul sito e nella bacheca.",
    ageBand: "AGE_14_34",
    channel: "WEB",
    daysAgo: 31,
    outcome: {
      status: "APPROVED",
      summary: "Istruzioni sul sito per scaricare da soli i certificati anagrafici dall'ANPR.",
      supports: 1,
    },
  },
  {
    key: "zavattarello-dati",
    comune: "Zavattarello",
    topic: "TRIBUTI",
    text: "Mi chiamo Mario Bianchi, il mio numero è 333 1234567: vorrei che mi richiamaste per l'IMU del 2023 che secondo me è sbagliata.",
    ageBand: "AGE_65_PLUS",
    channel: "WEB",
    daysAgo: 22,
    outcome: { status: "REJECTED", reason: "PERSONAL_DATA" },
  },
  {
    key: "pontenizza-suap",
    comune: "Ponte Nizza",
    topic: "SUAP",
    text: "Per aprire un agriturismo ho dovuto portare la stessa documentazione a tre uffici diversi. Vorrei uno sportello online unico per le imprese, come in altri comuni.",
    ageBand: "AGE_35_64",
    channel: "WEB",
    daysAgo: 28,
    outcome: {
      status: "APPROVED",
      summary: "Uno sportello online unico per le imprese, con la stessa documentazione consegnata una volta sola.",
      supports: 3,
      need: "suap",
    },
  },
  {
    key: "pontenizza-campo",
    comune: "Ponte Nizza",
    topic: "ALTRO",
    text: "Il campo sportivo ha le reti rotte da due anni e gli spogliatoi sono chiusi: quando verranno sistemati?",
    ageBand: "AGE_14_34",
    channel: "WEB",
    daysAgo: 18,
    outcome: { status: "REJECTED", reason: "OFF_TOPIC" },
  },
  {
    key: "bagnaria-scuolabus",
    comune: "Bagnaria",
    topic: "SCUOLA",
    text: "Vorrei sapere online a che ora passa lo scuolabus e ricevere un avviso se c'è un ritardo o se la corsa salta per la neve.",
    ageBand: "AGE_35_64",
    channel: "WEB",
    daysAgo: 26,
    outcome: {
      status: "APPROVED",
      summary: "Orari dello scuolabus online e avvisi alle famiglie per ritardi o corse sospese per maltempo.",
      supports: 6,
      need: "scuola",
    },
  },
  {
    key: "bagnaria-anziani",
    comune: "Bagnaria",
    topic: "SOCIALE",
    text: "Modulo cartaceo raccolto al centro anziani: chiedono un punto dove farsi aiutare a usare lo SPID e a prenotare le visite, almeno una volta a settimana.",
    ageBand: "AGE_65_PLUS",
    channel: "CARTACEO",
    daysAgo: 6,
    outcome: { status: "RECEIVED" },
  },
  {
    key: "santamargherita-fibra",
    comune: "Santa Margherita di Staffora",
    topic: "CONNESSIONE",
    text: "In frazione non arriva nemmeno il segnale del telefono e la linea ADSL cade ogni sera. Senza una connessione decente non possiamo usare i servizi online, né il comune né la sanità.",
    ageBand: "AGE_35_64",
    contactEmail: "famiglia.staffora@example.net",
    channel: "WEB",
    daysAgo: 32,
    outcome: {
      status: "APPROVED",
      summary:
        "Connessione internet e copertura mobile insufficienti nelle frazioni: servono fibra o alternative affidabili.",
      supports: 10,
      need: "bul",
    },
  },
  {
    key: "santamargherita-fibra-sportello",
    comune: "Santa Margherita di Staffora",
    topic: "CONNESSIONE",
    text: "Segnala allo sportello che in frazione internet non funziona quasi mai e chiede quando arriverà la fibra.",
    ageBand: "AGE_65_PLUS",
    channel: "SPORTELLO",
    daysAgo: 23,
    outcome: { status: "MERGED", into: "santamargherita-fibra" },
  },
  {
    key: "romagnese-tari",
    comune: "Romagnese",
    topic: "TRIBUTI",
    text: "Sono proprietario di una casa per le vacanze: vorrei ricevere gli avvisi di pagamento della TARI per email o su App IO, perché la posta qui la leggo solo d'estate.",
    ageBand: "AGE_65_PLUS",
    channel: "WEB",
    daysAgo: 35,
    outcome: {
      status: "APPROVED",
      summary: "Avvisi di pagamento della TARI per email o su App IO, utili a chi ha una seconda casa.",
      supports: 5,
      need: "tari",
    },
  },
  {
    key: "romagnese-wifi",
    comune: "Romagnese",
    topic: "CONNESSIONE",
    text: "Servirebbe un wifi pubblico in piazza e in biblioteca, perché in paese molti non hanno una connessione a casa.",
    ageBand: "AGE_14_34",
    channel: "WEB",
    daysAgo: 5,
    outcome: { status: "RECEIVED" },
  },
  {
    key: "colliverdi-rifiuti",
    comune: "Colli Verdi",
    topic: "RIFIUTI",
    text: "Dopo la fusione i calendari della raccolta differenziata sono diversi per ogni frazione e non si trovano online. Vorrei il calendario della mia frazione su App IO o sul sito.",
    ageBand: "AGE_35_64",
    channel: "WEB",
    daysAgo: 21,
    outcome: {
      status: "APPROVED",
      summary: "Calendario della raccolta differenziata per frazione, consultabile sul sito e su App IO.",
      supports: 4,
    },
  },
  {
    key: "colliverdi-spam",
    comune: "Colli Verdi",
    topic: "ALTRO",
    text: "Offerta imperdibile di pannelli solari a costo zero per il vostro comune, contattateci ora su www.energia-gratis-subito.info per un preventivo!",
    channel: "WEB",
    daysAgo: 14,
    outcome: { status: "SPAM" },
  },
  {
    key: "cecima-anagrafe",
    comune: "Cecima",
    topic: "ANAGRAFE",
    text: "Raccolta dal facilitatore alla sessione in municipio: una signora chiede di poter ricevere i certificati per email, perché l'anagrafe è aperta una mattina a settimana e lei non guida.",
    ageBand: "AGE_65_PLUS",
    channel: "FACILITATORE",
    daysAgo: 13,
    outcome: { status: "RECEIVED" },
  },
  {
    key: "valdinizza-buche",
    comune: "Val di Nizza",
    topic: "STRADE",
    text: "Vorrei segnalare online le buche e i lampioni spenti, con una foto, e sapere quando vengono sistemati, invece di telefonare in comune.",
    ageBand: "AGE_35_64",
    channel: "WEB",
    daysAgo: 17,
    outcome: {
      status: "APPROVED",
      summary: "Segnalazioni online di buche e lampioni spenti, con foto e aggiornamenti sullo stato dell'intervento.",
      supports: 3,
    },
  },
  {
    key: "brallo-fibra",
    comune: "Brallo di Pregola",
    topic: "CONNESSIONE",
    text: "Il nostro B&B perde prenotazioni perché gli ospiti non hanno internet. Chiediamo che il comune segua i lavori della fibra e pensi a una soluzione per le frazioni più alte.",
    ageBand: "AGE_35_64",
    contactEmail: "bnb.appennino@example.com",
    channel: "WEB",
    daysAgo: 36,
    outcome: {
      status: "APPROVED",
      summary: "Connessione internet per le frazioni più alte, a sostegno anche delle strutture turistiche.",
      supports: 12,
      need: "bul",
    },
  },
  {
    key: "brallo-offese",
    comune: "Brallo di Pregola",
    topic: "ALTRO",
    text: "Siete degli incapaci, in comune non risponde mai nessuno e fate solo chiacchiere. Vergognatevi, tanto qui non cambia mai niente.",
    channel: "WEB",
    daysAgo: 15,
    outcome: { status: "REJECTED", reason: "OFFENSIVE" },
  },
  {
    key: "montalto-vino",
    comune: "Montalto Pavese",
    topic: "TURISMO",
    text: "Le cantine del paese vorrebbero una pagina sul sito del comune con le aperture delle cantine e gli eventi della vendemmia, da condividere con i turisti.",
    ageBand: "AGE_35_64",
    channel: "WEB",
    daysAgo: 19,
    outcome: {
      status: "APPROVED",
      summary: "Una pagina del sito con le aperture delle cantine e gli eventi della vendemmia.",
      supports: 2,
    },
  },
  {
    key: "montalto-edilizia",
    comune: "Montalto Pavese",
    topic: "EDILIZIA",
    text: "Per una CILA ho dovuto stampare, firmare e scansionare tutto. Vorrei presentare le pratiche edilizie online con la firma digitale e seguire lo stato della pratica.",
    ageBand: "AGE_35_64",
    channel: "WEB",
    daysAgo: 1,
    outcome: { status: "RECEIVED" },
  },
  {
    key: "roccasusella-sito",
    comune: "Rocca Susella",
    topic: "SITO_WEB",
    text: "Modulo cartaceo lasciato in municipio: il sito del comune dal telefono non si legge, i caratteri sono piccolissimi e il menu non si apre.",
    ageBand: "AGE_65_PLUS",
    channel: "CARTACEO",
    daysAgo: 8,
    outcome: { status: "RECEIVED" },
  },
  {
    key: "borgopriolo-edilizia",
    comune: "Borgo Priolo",
    topic: "EDILIZIA",
    text: "Sono un geometra: vorrei consultare online le pratiche edilizie passate di un immobile, senza prendere appuntamento per vedere l'archivio cartaceo.",
    ageBand: "AGE_35_64",
    channel: "WEB",
    daysAgo: 27,
    outcome: {
      status: "APPROVED",
      summary: "Accesso online alle pratiche edilizie passate, senza appuntamento per l'archivio cartaceo.",
      supports: 2,
    },
  },
  {
    key: "borgopriolo-spam",
    comune: "Borgo Priolo",
    topic: "ALTRO",
    text: "Prestiti veloci senza garanzie anche per protestati, risposta in 24 ore: scrivi subito a prestiti-lampo.com per ottenere il tuo finanziamento.",
    channel: "WEB",
    daysAgo: 10,
    outcome: { status: "SPAM" },
  },
  {
    key: "fortunago-trasporto",
    comune: "Fortunago",
    topic: "SOCIALE",
    text: "Per il trasporto degli anziani alle visite mediche bisogna prenotare di persona in municipio. Si potrebbe prenotare per telefono o online e ricevere una conferma?",
    ageBand: "AGE_65_PLUS",
    channel: "WEB",
    daysAgo: 24,
    outcome: {
      status: "APPROVED",
      summary: "Prenotazione a distanza del trasporto sociale per le visite mediche, con una conferma.",
      supports: 3,
    },
  },
  {
    key: "montesegale-pec",
    comune: "Montesegale",
    topic: "ALTRO",
    text: "Raccolta dal facilitatore all'incontro con le associazioni: chiedono come ottenere un domicilio digitale e usarlo per ricevere le comunicazioni del comune.",
    ageBand: "AGE_35_64",
    channel: "FACILITATORE",
    daysAgo: 7,
    outcome: { status: "RECEIVED" },
  },
  {
    key: "borgoratto-certificati",
    comune: "Borgoratto Mormorolo",
    topic: "ANAGRAFE",
    text: "Vorrei ricevere i certificati di stato di famiglia senza andare in comune, che è aperto solo due mattine a settimana.",
    ageBand: "AGE_35_64",
    channel: "WEB",
    daysAgo: 20,
    outcome: {
      status: "APPROVED",
      summary: "Certificati anagrafici senza recarsi in comune, che apre due mattine a settimana.",
      supports: 2,
    },
  },
  {
    key: "menconico-fibra",
    comune: "Menconico",
    topic: "CONNESSIONE",
    text: "Qui la connessione c'è solo con una chiavetta e non sempre. Per i ragazzi che studiano e per chi lavora serve la fibra, o almeno una rete senza fili affidabile.",
    ageBand: "AGE_14_34",
    channel: "WEB",
    daysAgo: 30,
    outcome: {
      status: "APPROVED",
      summary: "Una connessione affidabile per studenti e lavoratori: fibra o rete senza fili.",
      supports: 6,
      need: "bul",
    },
  },
  {
    key: "menconico-fibra-bis",
    comune: "Menconico",
    topic: "CONNESSIONE",
    text: "Anche nella nostra frazione internet non va: chiediamo la fibra o una soluzione alternativa, almeno per la scuola e il municipio.",
    ageBand: "AGE_35_64",
    channel: "WEB",
    daysAgo: 22,
    outcome: { status: "MERGED", into: "menconico-fibra" },
  },
];
