// Common Italian given names and surnames frequent in the Oltrepò Pavese and Lombardy,
// for plausible demo people (no real person is meant).
export const WOMEN = [
  "Giulia", "Francesca", "Chiara", "Sara", "Elena", "Valentina", "Silvia", "Laura", "Paola", "Federica",
  "Alessandra", "Cristina", "Monica", "Barbara", "Roberta", "Simona", "Daniela", "Manuela", "Elisa", "Martina",
  "Anna", "Maria", "Lucia", "Giovanna", "Patrizia", "Marta", "Ilaria", "Serena", "Claudia", "Stefania",
];
export const MEN = [
  "Marco", "Luca", "Andrea", "Paolo", "Giovanni", "Stefano", "Alessandro", "Matteo", "Davide", "Roberto",
  "Massimo", "Fabio", "Giuseppe", "Francesco", "Simone", "Alberto", "Claudio", "Maurizio", "Enrico", "Gianluca",
  "Riccardo", "Pietro", "Carlo", "Daniele", "Federico", "Luigi", "Emanuele", "Mauro", "Sergio", "Angelo",
];
export const SURNAMES = [
  "Rossi", "Ferrari", "Bianchi", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti",
  "Costa", "Fontana", "Moretti", "Barbieri", "Lombardi", "Galli", "Bellini", "Ferri", "Rizzi", "Sartori",
  "Maggi", "Negri", "Bassi", "Bergamaschi", "Bottazzi", "Brambilla", "Cattaneo", "Cerutti", "Daglia", "Draghi",
  "Fossati", "Gatti", "Ghezzi", "Giorgi", "Guerci", "Lanati", "Legnazzi", "Malaspina", "Mangiarotti", "Marchesi",
  "Montagna", "Mussi", "Nobile", "Orlandi", "Pagani", "Piccinini", "Poggi", "Quaroni", "Ravasi", "Repetti",
  "Sacchi", "Scabini", "Schiavi", "Silvani", "Tacchini", "Tosi", "Vercesi", "Villani", "Zanardi", "Zucchella",
];
export const ADMINISTRATOR_ROLES = ["Sindaco", "Vicesindaco", "Assessore", "Consigliere comunale"] as const;
export const OFFICES = [
  { office: "Anagrafe e stato civile", role: "Ufficiale d'anagrafe" },
  { office: "Tributi", role: "Istruttore amministrativo-contabile" },
  { office: "Ufficio tecnico", role: "Istruttore tecnico" },
  { office: "Ragioneria", role: "Responsabile del servizio finanziario" },
  { office: "Segreteria", role: "Istruttore amministrativo" },
  { office: "Protocollo", role: "Collaboratore amministrativo" },
  { office: "Polizia locale", role: "Agente di polizia locale" },
  { office: "Servizi sociali", role: "Assistente sociale" },
] as const;
