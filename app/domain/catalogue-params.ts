/**
 * The search params of the reuse catalogue (PHASE2.md §5.3): filters, sort and page, validated
 * with zod in Italian. Shared by the screen and the model's tests; every value is checked
 * against a closed list or a strict pattern, because some of them end up inside a `contains`
 * on stored JSON text (`catalogue.server.ts`), where a quote or a wildcard must not get in.
 */
import { z } from "zod";
import { DEVELOPMENT_STATUSES, NATIONAL_PLATFORMS, PNRR_MEASURES, SOFTWARE_TYPES } from "~/domain/publiccode/constants";
import { tableParamsSchema } from "~/domain/table-params";

export const SOLUTION_KINDS = ["SOFTWARE", "GOOD_PRACTICE", "NATIONAL_PLATFORM", "SERVICE", "OTHER"] as const;
export const SOLUTION_ORIGINS = ["REUSE_PA", "OSS_THIRD_PARTY", "NATIONAL", "MARKET", "UNKNOWN"] as const;
export const OWNER_KINDS = ["COMUNE", "REGIONE", "PROVINCIA", "OTHER"] as const;
export const CONFORMANCES = ["VALID", "VALID_WITH_WARNINGS", "INVALID"] as const;
/** Maintenance as a comune reads it: a contract still running, one expired, or who else looks after it. */
export const MAINTENANCE_FILTERS = ["ACTIVE_CONTRACT", "EXPIRED_CONTRACT", "COMMUNITY", "INTERNAL", "NONE"] as const;
export const CATALOGUE_SORTS = ["name", "release", "usedBy", "vitality"] as const;
export const CATALOGUE_PAGE_SIZE = 25;

const PNRR_MEASURE_KEYS = Object.keys(PNRR_MEASURES) as [string, ...string[]];

/** The slugs of publiccode categories and scopes: lowercase words joined by hyphens. */
const slug = (message: string) =>
  z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, message)
    .max(60, message)
    .optional();

export const CatalogueParamsSchema = tableParamsSchema({
  sortKeys: CATALOGUE_SORTS,
  defaultSort: "name",
  filters: {
    q: z.string().max(200, "Il testo da cercare può avere al massimo 200 caratteri.").optional(),
    tipo: z.enum(SOLUTION_KINDS, { error: "Tipo di soluzione non valido." }).optional(),
    origine: z.enum(SOLUTION_ORIGINS, { error: "Origine non valida." }).optional(),
    categoria: slug("Categoria non valida."),
    ambito: slug("Ambito d'uso non valido."),
    stato: z.enum(DEVELOPMENT_STATUSES, { error: "Stato di sviluppo non valido." }).optional(),
    tipoSoftware: z.enum(SOFTWARE_TYPES, { error: "Tipo di software non valido." }).optional(),
    piattaforma: z.enum(NATIONAL_PLATFORMS, { error: "Piattaforma nazionale non valida." }).optional(),
    misura: z.enum(PNRR_MEASURE_KEYS, { error: "Misura PNRR non valida." }).optional(),
    ente: z.enum(OWNER_KINDS, { error: "Tipo di ente titolare non valido." }).optional(),
    manutenzione: z.enum(MAINTENANCE_FILTERS, { error: "Tipo di manutenzione non valido." }).optional(),
    licenza: z
      .string()
      .regex(/^[A-Za-z0-9.+-]+( (AND|OR|WITH) [A-Za-z0-9.+-]+)*$/, "Licenza non valida (identificativo SPDX).")
      .max(120, "Licenza non valida (identificativo SPDX).")
      .optional(),
    osi: z.enum(["si", "no"], { error: "Licenza OSI: «si» o «no»." }).optional(),
    lingua: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "Lingua non valida (codice come «it» o «en»).")
      .max(35, "Lingua non valida (codice come «it» o «en»).")
      .optional(),
    comuni: z.enum(["si"], { error: "Filtro «usata da comuni» non valido." }).optional(),
    conformita: z.enum(CONFORMANCES, { error: "Conformità non valida." }).optional(),
  },
});

export type CatalogueParams = z.infer<typeof CatalogueParamsSchema>;

/** The filter names, for the "active filters" count and the links that keep them. */
export const CATALOGUE_FILTER_KEYS = [
  "q",
  "tipo",
  "origine",
  "categoria",
  "ambito",
  "stato",
  "tipoSoftware",
  "piattaforma",
  "misura",
  "ente",
  "manutenzione",
  "licenza",
  "osi",
  "lingua",
  "comuni",
  "conformita",
] as const satisfies readonly (keyof CatalogueParams)[];
