-- CreateTable
CREATE TABLE "Solution" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "origin" TEXT NOT NULL DEFAULT 'UNKNOWN',
    "name" TEXT NOT NULL,
    "localisedName" TEXT,
    "shortDescription" TEXT NOT NULL DEFAULT '{}',
    "longDescription" TEXT NOT NULL DEFAULT '{}',
    "features" TEXT NOT NULL DEFAULT '{}',
    "categories" TEXT NOT NULL DEFAULT '[]',
    "scopes" TEXT NOT NULL DEFAULT '[]',
    "platforms" TEXT NOT NULL DEFAULT '[]',
    "nationalPlatforms" TEXT NOT NULL DEFAULT '{}',
    "supports" TEXT NOT NULL DEFAULT '[]',
    "pnrrMeasures" TEXT NOT NULL DEFAULT '[]',
    "pnrrBeneficiaries" TEXT NOT NULL DEFAULT '[]',
    "developmentStatus" TEXT,
    "softwareType" TEXT,
    "license" TEXT,
    "licenseOsi" BOOLEAN,
    "maintenanceType" TEXT,
    "maintenanceUntil" TEXT,
    "maintenanceActive" BOOLEAN,
    "contactsCount" INTEGER NOT NULL DEFAULT 0,
    "releaseDate" TEXT,
    "softwareVersion" TEXT,
    "url" TEXT,
    "landingUrl" TEXT,
    "ownerIpa" TEXT,
    "ownerName" TEXT,
    "ownerKind" TEXT,
    "usedBy" TEXT NOT NULL DEFAULT '[]',
    "usedByCount" INTEGER NOT NULL DEFAULT 0,
    "usedByComuniCount" INTEGER NOT NULL DEFAULT 0,
    "dependsOnProprietaryCount" INTEGER NOT NULL DEFAULT 0,
    "descriptionLanguages" TEXT NOT NULL DEFAULT '[]',
    "vitality" INTEGER,
    "conformance" TEXT,
    "manualEdits" TEXT NOT NULL DEFAULT '{}',
    "lastImportId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PubliccodeRecord" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "solutionId" INTEGER,
    "importId" INTEGER NOT NULL,
    "sourceName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "rawYaml" TEXT NOT NULL,
    "declaredVersion" TEXT,
    "detectedLegacyIt" BOOLEAN NOT NULL DEFAULT false,
    "normalisedJson" TEXT,
    "importStatus" TEXT NOT NULL,
    "conformance" TEXT NOT NULL,
    "issues" TEXT NOT NULL DEFAULT '[]',
    "blockReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PubliccodeRecord_solutionId_fkey" FOREIGN KEY ("solutionId") REFERENCES "Solution" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "PubliccodeRecord_importId_fkey" FOREIGN KEY ("importId") REFERENCES "CatalogueImport" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GoodPractice" (
    "solutionId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "programme" TEXT NOT NULL,
    "ambito" TEXT NOT NULL,
    "enteCedente" TEXT NOT NULL,
    "entiRiusanti" TEXT NOT NULL DEFAULT '[]',
    "cup" TEXT,
    "fundingLine" TEXT,
    "problemSolved" TEXT NOT NULL,
    "kitComponents" TEXT NOT NULL DEFAULT '{}',
    "transferStatus" TEXT,
    "repositoryUrls" TEXT NOT NULL DEFAULT '[]',
    "contacts" TEXT NOT NULL DEFAULT '[]',
    "results" TEXT NOT NULL DEFAULT '[]',
    "sourceUrl" TEXT,
    CONSTRAINT "GoodPractice_solutionId_fkey" FOREIGN KEY ("solutionId") REFERENCES "Solution" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CatalogueImport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "actorId" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "total" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "imported" INTEGER NOT NULL DEFAULT 0,
    "withIssues" INTEGER NOT NULL DEFAULT 0,
    "blocked" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "Solution_url_key" ON "Solution"("url");

-- CreateIndex
CREATE INDEX "Solution_kind_idx" ON "Solution"("kind");

-- CreateIndex
CREATE INDEX "Solution_origin_idx" ON "Solution"("origin");

-- CreateIndex
CREATE INDEX "Solution_name_idx" ON "Solution"("name");

-- CreateIndex
CREATE INDEX "PubliccodeRecord_solutionId_idx" ON "PubliccodeRecord"("solutionId");

-- CreateIndex
CREATE INDEX "PubliccodeRecord_importId_idx" ON "PubliccodeRecord"("importId");

-- CreateIndex
CREATE INDEX "PubliccodeRecord_sha256_idx" ON "PubliccodeRecord"("sha256");

-- CreateIndex
CREATE INDEX "CatalogueImport_actorId_createdAt_idx" ON "CatalogueImport"("actorId", "createdAt");
