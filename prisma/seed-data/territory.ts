import comuni from "./comuni-oltrepo.json";

export const OLTREPO_AREA = {
  slug: "appennino-lombardo-alto-oltrepo-pavese",
  name: "Appennino Lombardo – Alto Oltrepò Pavese",
  region: "Lombardia",
};

/** The 18 comuni of the area with their ISTAT codes (prisma/seed-data/comuni-oltrepo.json). */
export const OLTREPO_COMUNI: { name: string; istatCode: string | null; cadastralCode: string }[] = comuni;

/** A comune's IndicePA code: `c_` and its cadastral code in lower case (`c_a550`). */
export function comuneIpaCode(cadastralCode: string): string {
  return `c_${cadastralCode.toLowerCase()}`;
}

/** The other Lombard inner areas of the same programme, with their mountain community and a few comuni. */
export const OTHER_AREAS = [
  {
    slug: "valchiavenna",
    name: "Valchiavenna",
    region: "Lombardia",
    community: "Comunità Montana della Valchiavenna",
    comuni: ["Chiavenna", "Piuro", "Madesimo", "Campodolcino"],
  },
  {
    slug: "alta-valtellina",
    name: "Alta Valtellina",
    region: "Lombardia",
    community: "Comunità Montana Alta Valtellina",
    comuni: ["Bormio", "Valdidentro", "Valdisotto", "Valfurva"],
  },
  {
    slug: "alto-lago-di-como-e-valli-del-lario",
    name: "Alto Lago di Como e Valli del Lario",
    region: "Lombardia",
    community: "Comunità Montana Valli del Lario e del Ceresio",
    comuni: ["Dongo", "Gravedona ed Uniti", "Porlezza"],
  },
] as const;

/** A name as it appears in the demo's e-mail domains and URLs: "Godiasco Salice Terme" → "godiasco-salice-terme". */
export const slugify = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/(^-|-$)/g, "");
