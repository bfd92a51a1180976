/**
 * Catalogue rows for the browse tests, built the way the import builds them: each file goes
 * through `importPubliccode` (the tested parser) and its card is written as a `Solution` with a
 * `PubliccodeRecord`. The import's own model is another module; this helper only writes the
 * columns the screens read, with `JSON.stringify` as the import does (the filters rely on it).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { importPubliccode, type ImportOptions } from "~/domain/publiccode";
import { prisma } from "~/utils/db.server";

export const CATALOGUE_FIXTURES = fileURLToPath(new URL("./fixtures/publiccode-catalogue", import.meta.url));

/** A CatalogueImport to hang records on (its actor has no foreign key). */
export async function createCatalogueImport(fileName = "test.zip") {
  return prisma.catalogueImport.create({
    data: { kind: "PUBLICCODE", actorId: 1, fileName, status: "DONE", finishedAt: new Date() },
    select: { id: true },
  });
}

/**
 * One publiccode.yml (bytes or text) into the catalogue: a Solution and its record, or only a
 * record when the file is BLOCKED. `overrides` sets columns the files cannot (vitality, a good
 * practice's kind), for the sorts and filters under test.
 */
export async function insertPubliccode(
  input: Uint8Array | string,
  o: {
    importId: number;
    sourceName: string;
    options?: Partial<ImportOptions>;
    overrides?: Record<string, unknown>;
  },
) {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  const result = importPubliccode(input, { today: "2026-12-01", ...o.options });
  const card = result.card;
  const rawYaml = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  const record = {
    importId: o.importId,
    sourceName: o.sourceName,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    rawYaml,
    declaredVersion: result.declaredVersion,
    detectedLegacyIt: result.detectedLegacyIt,
    normalisedJson: card ? JSON.stringify(card) : null,
    importStatus: result.importStatus,
    conformance: result.conformance,
    issues: JSON.stringify(result.issues),
    blockReason: result.blockReason?.message ?? null,
  };
  if (!card) {
    await prisma.publiccodeRecord.create({ data: record });
    return { result, solutionId: null };
  }
  const solution = await prisma.solution.create({
    data: {
      kind: card.kind,
      origin: card.origin,
      name: card.name,
      localisedName: card.localisedName,
      shortDescription: JSON.stringify(card.shortDescription),
      longDescription: JSON.stringify(card.longDescription),
      features: JSON.stringify(card.features),
      categories: JSON.stringify(card.categories),
      scopes: JSON.stringify(card.scopes),
      platforms: JSON.stringify(card.platforms),
      nationalPlatforms: JSON.stringify(card.nationalPlatforms),
      supports: JSON.stringify(card.supports),
      pnrrMeasures: JSON.stringify(card.pnrrMeasures),
      pnrrBeneficiaries: JSON.stringify(card.pnrrBeneficiaries),
      developmentStatus: card.developmentStatus,
      softwareType: card.softwareType,
      license: card.license,
      licenseOsi: card.licenseOsi,
      maintenanceType: card.maintenanceType,
      maintenanceUntil: card.maintenanceUntil,
      maintenanceActive: card.maintenanceActive,
      contactsCount: card.contactsCount,
      releaseDate: card.releaseDate,
      softwareVersion: card.softwareVersion,
      url: card.url,
      landingUrl: card.landingUrl,
      ownerIpa: card.ownerIpa,
      ownerName: card.ownerName,
      ownerKind: card.ownerKind,
      usedBy: JSON.stringify(card.usedBy),
      usedByCount: card.usedByCount,
      usedByComuniCount: card.usedByComuniCount,
      dependsOnProprietaryCount: card.dependsOnProprietaryCount,
      descriptionLanguages: JSON.stringify(card.descriptionLanguages),
      vitality: card.vitality,
      conformance: result.conformance,
      lastImportId: o.importId,
      ...o.overrides,
      records: { create: { ...record } },
    },
    select: { id: true },
  });
  return { result, solutionId: solution.id };
}

/** Every file of the demo catalogue (36 real publiccode.yml), keyed by file name. */
export async function insertCatalogueFixtures(files?: readonly string[]) {
  const names = files ?? readdirSync(CATALOGUE_FIXTURES).filter((f) => /\.ya?ml$/.test(f));
  const { id: importId } = await createCatalogueImport();
  const ids: Record<string, number | null> = {};
  for (const name of names) {
    const { solutionId } = await insertPubliccode(readFileSync(join(CATALOGUE_FIXTURES, name)), {
      importId,
      sourceName: name,
    });
    ids[name] = solutionId;
  }
  return { importId, ids };
}
