/**
 * The demo's reuse catalogue (PHASE2.md §5.3): the 36 real publiccode.yml files of
 * tests/fixtures/publiccode-catalogue (INDEX.md there gives their sources and licences),
 * imported by the facilitator through the same model as the upload page, and the national
 * platforms a comune adopts rather than reuses (kind NATIONAL_PLATFORM, origin NATIONAL).
 * `today` is the seed's day, so maintenance states are stable with SEED_TODAY.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Actor } from "~/access/scope.server";
import { startImport } from "~/models/catalogue-import.server";
import { audit } from "~/utils/audit.server";
import { dbReady, prisma } from "~/utils/db.server";
import { instantToZoned } from "~/utils/time";
import { DEMO_ACCOUNTS } from "./seed-data/demo-accounts";

const CATALOGUE_DIR = path.join(process.cwd(), "tests/fixtures/publiccode-catalogue");

/** The national platforms, with a short Italian description each (landing pages of the owners). */
export const NATIONAL_PLATFORMS = [
  {
    name: "SPID",
    owner: "AgID",
    key: "spid",
    landingUrl: "https://www.spid.gov.it",
    description:
      "Sistema Pubblico di Identità Digitale: l'accesso dei cittadini ai servizi online con un'unica identità.",
  },
  {
    name: "CIE",
    owner: "Ministero dell'Interno",
    key: "cie",
    landingUrl: "https://www.cartaidentita.interno.gov.it",
    description: "Carta d'Identità Elettronica: documento e credenziale per l'accesso ai servizi online (CieID).",
  },
  {
    name: "pagoPA",
    owner: "PagoPA S.p.A.",
    key: "pagopa",
    landingUrl: "https://www.pagopa.gov.it",
    description: "La piattaforma dei pagamenti verso la pubblica amministrazione: avvisi, tributi, servizi scolastici.",
  },
  {
    name: "App IO",
    owner: "PagoPA S.p.A.",
    key: "io",
    landingUrl: "https://io.italia.it",
    description: "L'app dei servizi pubblici: messaggi, scadenze, pagamenti e documenti del Comune sul telefono.",
  },
  {
    name: "PDND",
    owner: "PagoPA S.p.A.",
    key: "pdnd",
    landingUrl: "https://www.interop.pagopa.it",
    description: "Piattaforma Digitale Nazionale Dati: lo scambio di dati tra enti tramite API (interoperabilità).",
  },
  {
    name: "SEND",
    owner: "PagoPA S.p.A.",
    key: "send",
    landingUrl: "https://notifichedigitali.it",
    description:
      "Servizio Notifiche Digitali: le notifiche a valore legale (multe, tributi) in digitale invece della raccomandata.",
  },
  {
    name: "ANPR",
    owner: "Ministero dell'Interno",
    key: "anpr",
    landingUrl: "https://www.anpr.interno.it",
    description:
      "Anagrafe Nazionale della Popolazione Residente: l'anagrafe unica, con certificati online per i cittadini.",
  },
] as const;

export async function seedCatalogue({ today }: { today: Date }) {
  await dbReady;
  const user = await prisma.user.findUniqueOrThrow({
    where: { email: DEMO_ACCOUNTS.facilitator },
    select: { id: true, roles: { select: { role: true } } },
  });
  const actor: Actor = { userId: user.id, roles: user.roles.map((r) => r.role), requestId: null };
  const files = readdirSync(CATALOGUE_DIR)
    .filter((name) => /\.ya?ml$/i.test(name))
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(CATALOGUE_DIR, name))) }));
  const outcome = await startImport({ actor, files, today: instantToZoned(today).date });
  if (!outcome.ok) throw new Error(`Import del catalogo dimostrativo non riuscito: ${outcome.errors.join(" ")}`);

  await prisma.$transaction(async (tx) => {
    for (const p of NATIONAL_PLATFORMS) {
      const exists = await tx.solution.findFirst({
        where: { kind: "NATIONAL_PLATFORM", name: p.name },
        select: { id: true },
      });
      if (exists) continue;
      const created = await tx.solution.create({
        data: {
          kind: "NATIONAL_PLATFORM",
          origin: "NATIONAL",
          name: p.name,
          shortDescription: JSON.stringify({ it: p.description }),
          nationalPlatforms: JSON.stringify({ [p.key]: true }),
          landingUrl: p.landingUrl,
          ownerName: p.owner,
          ownerKind: "OTHER",
        },
        select: { id: true },
      });
      await audit(tx, actor, {
        action: "solution.create",
        entity: "Solution",
        entityId: created.id,
        after: { kind: "NATIONAL_PLATFORM", name: p.name },
      });
    }
  });
  return { importId: outcome.importId };
}
