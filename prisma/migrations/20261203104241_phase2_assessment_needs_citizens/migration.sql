-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN "ipaCode" TEXT;

-- CreateTable
CREATE TABLE "AssessmentFramework" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "sourceNote" TEXT NOT NULL,
    "levels" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "active" BOOLEAN NOT NULL DEFAULT true
);

-- CreateTable
CREATE TABLE "AssessmentDimension" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "frameworkId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "ptChapter" INTEGER NOT NULL,
    "order" INTEGER NOT NULL,
    "weight" REAL NOT NULL DEFAULT 1,
    CONSTRAINT "AssessmentDimension_frameworkId_fkey" FOREIGN KEY ("frameworkId") REFERENCES "AssessmentFramework" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AssessmentItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "frameworkId" INTEGER NOT NULL,
    "dimensionId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "order" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "help" TEXT,
    "levelDescriptors" TEXT NOT NULL,
    "thresholds" TEXT,
    "evidenceRequiredFrom" INTEGER,
    "evidenceHint" TEXT,
    "references" TEXT NOT NULL,
    "legalObligation" BOOLEAN NOT NULL DEFAULT false,
    "deadline" TEXT,
    "appliesTo" TEXT NOT NULL,
    "weight" REAL NOT NULL DEFAULT 1,
    "critical" BOOLEAN NOT NULL DEFAULT false,
    "target" INTEGER NOT NULL DEFAULT 3,
    "extraFields" TEXT,
    "prefill" TEXT,
    CONSTRAINT "AssessmentItem_frameworkId_fkey" FOREIGN KEY ("frameworkId") REFERENCES "AssessmentFramework" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AssessmentItem_dimensionId_fkey" FOREIGN KEY ("dimensionId") REFERENCES "AssessmentDimension" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AssessmentCycle" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "areaId" INTEGER NOT NULL,
    "frameworkId" INTEGER NOT NULL,
    "editionId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "opensAt" DATETIME NOT NULL,
    "closesAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "sharedGapThreshold" REAL NOT NULL DEFAULT 0.3333333333,
    "priorityWeights" TEXT,
    "createdById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    CONSTRAINT "AssessmentCycle_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AssessmentCycle_frameworkId_fkey" FOREIGN KEY ("frameworkId") REFERENCES "AssessmentFramework" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AssessmentCycle_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Assessment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "cycleId" INTEGER NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'NOT_STARTED',
    "submittedAt" DATETIME,
    "submittedById" INTEGER,
    "validatedAt" DATETIME,
    "validatedById" INTEGER,
    "reopenReason" TEXT,
    "participants" TEXT,
    "sessionDate" DATETIME,
    "maturityIndex" REAL,
    "confirmedPriorities" TEXT,
    "prioritiesConfirmedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Assessment_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "AssessmentCycle" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Assessment_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AssessmentAnswer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "assessmentId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "value" INTEGER,
    "rawNumber" REAL,
    "notApplicable" BOOLEAN NOT NULL DEFAULT false,
    "naReason" TEXT,
    "note" TEXT,
    "extra" TEXT,
    "source" TEXT NOT NULL DEFAULT 'SELF',
    "sourceNote" TEXT,
    "confirmed" BOOLEAN NOT NULL DEFAULT true,
    "facilitatedReason" TEXT,
    "answeredById" INTEGER,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AssessmentAnswer_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AssessmentAnswer_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "AssessmentItem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "answerId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT,
    "actNumber" TEXT,
    "actDate" DATETIME,
    "text" TEXT,
    "storageKey" TEXT,
    "fileName" TEXT,
    "sha256" TEXT,
    "mime" TEXT,
    "sizeBytes" INTEGER,
    "uploadedById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Evidence_answerId_fkey" FOREIGN KEY ("answerId") REFERENCES "AssessmentAnswer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DimensionScore" (
    "assessmentId" INTEGER NOT NULL,
    "dimensionId" INTEGER NOT NULL,
    "score" REAL,
    "coverage" REAL NOT NULL,
    "level" INTEGER,
    "answered" INTEGER NOT NULL,
    "applicable" INTEGER NOT NULL,
    "evidenceCapped" INTEGER NOT NULL,

    PRIMARY KEY ("assessmentId", "dimensionId"),
    CONSTRAINT "DimensionScore_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "DimensionScore_dimensionId_fkey" FOREIGN KEY ("dimensionId") REFERENCES "AssessmentDimension" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AreaItemAggregate" (
    "cycleId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,
    "mean" REAL,
    "median" REAL,
    "min" REAL,
    "max" REAL,
    "countLow" INTEGER NOT NULL,

    PRIMARY KEY ("cycleId", "itemId"),
    CONSTRAINT "AreaItemAggregate_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "AssessmentCycle" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AreaItemAggregate_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "AssessmentItem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FundedMeasure" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organisationId" INTEGER,
    "ipaCode" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "notice" TEXT NOT NULL,
    "amountEuro" REAL NOT NULL,
    "submittedOn" DATETIME,
    "fundedOn" DATETIME,
    "cup" TEXT NOT NULL,
    "state" TEXT,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FundedMeasure_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Need" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "areaId" INTEGER NOT NULL,
    "cycleId" INTEGER,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "mergedIntoId" INTEGER,
    "discardReason" TEXT,
    "dimensionId" INTEGER,
    "ptObjective" TEXT,
    "pnrrMeasure" TEXT,
    "scope" TEXT NOT NULL DEFAULT 'LOCAL',
    "impact" INTEGER NOT NULL,
    "feasibility" INTEGER NOT NULL,
    "sharing" REAL NOT NULL,
    "priority" REAL NOT NULL,
    "requirements" TEXT NOT NULL DEFAULT '[]',
    "budgetCapEuro" INTEGER,
    "timeCapMonths" INTEGER,
    "createdById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Need_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Need_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "AssessmentCycle" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Need_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Need" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Need_dimensionId_fkey" FOREIGN KEY ("dimensionId") REFERENCES "AssessmentDimension" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NeedOrganisation" (
    "needId" INTEGER NOT NULL,
    "organisationId" INTEGER NOT NULL,

    PRIMARY KEY ("needId", "organisationId"),
    CONSTRAINT "NeedOrganisation_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "NeedOrganisation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NeedSource" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "needId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "assessmentItemId" INTEGER,
    "citizenRequestId" INTEGER,
    "note" TEXT,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "NeedSource_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "NeedSource_assessmentItemId_fkey" FOREIGN KEY ("assessmentItemId") REFERENCES "AssessmentItem" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "NeedSource_citizenRequestId_fkey" FOREIGN KEY ("citizenRequestId") REFERENCES "CitizenRequest" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CitizenRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organisationId" INTEGER NOT NULL,
    "topic" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "currentContact" TEXT,
    "channel" TEXT NOT NULL DEFAULT 'WEB',
    "ageBand" TEXT,
    "contactEmail" TEXT,
    "contactConsent" BOOLEAN NOT NULL DEFAULT false,
    "receiptCode" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RECEIVED',
    "held" BOOLEAN NOT NULL DEFAULT false,
    "rejectReason" TEXT,
    "publicSummary" TEXT,
    "moderatedById" INTEGER,
    "moderatedAt" DATETIME,
    "mergedIntoId" INTEGER,
    "needId" INTEGER,
    "supportCount" INTEGER NOT NULL DEFAULT 0,
    "ipHash" TEXT,
    "enteredById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "contactPurgeAt" DATETIME,
    CONSTRAINT "CitizenRequest_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CitizenRequest_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "CitizenRequest" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "CitizenRequest_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CitizenSupport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "requestId" INTEGER NOT NULL,
    "voterHash" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CitizenSupport_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "CitizenRequest" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScheduledJob" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "nextRunAt" DATETIME NOT NULL,
    "lastStartedAt" DATETIME,
    "lastFinishedAt" DATETIME,
    "lastStatus" TEXT,
    "lastDetail" TEXT
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobName" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "status" TEXT NOT NULL,
    "detail" TEXT,
    CONSTRAINT "JobRun_jobName_fkey" FOREIGN KEY ("jobName") REFERENCES "ScheduledJob" ("name") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RoleAssignment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "areaId" INTEGER,
    "organisationId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RoleAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RoleAssignment_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "RoleAssignment_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_RoleAssignment" ("areaId", "createdAt", "id", "role", "userId") SELECT "areaId", "createdAt", "id", "role", "userId" FROM "RoleAssignment";
DROP TABLE "RoleAssignment";
ALTER TABLE "new_RoleAssignment" RENAME TO "RoleAssignment";
CREATE INDEX "RoleAssignment_role_areaId_idx" ON "RoleAssignment"("role", "areaId");
CREATE INDEX "RoleAssignment_role_organisationId_idx" ON "RoleAssignment"("role", "organisationId");
CREATE UNIQUE INDEX "RoleAssignment_userId_role_areaId_organisationId_key" ON "RoleAssignment"("userId", "role", "areaId", "organisationId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentFramework_code_version_key" ON "AssessmentFramework"("code", "version");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentDimension_frameworkId_code_key" ON "AssessmentDimension"("frameworkId", "code");

-- CreateIndex
CREATE INDEX "AssessmentItem_dimensionId_idx" ON "AssessmentItem"("dimensionId");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentItem_frameworkId_code_key" ON "AssessmentItem"("frameworkId", "code");

-- CreateIndex
CREATE INDEX "AssessmentCycle_areaId_idx" ON "AssessmentCycle"("areaId");

-- CreateIndex
CREATE INDEX "AssessmentCycle_editionId_idx" ON "AssessmentCycle"("editionId");

-- CreateIndex
CREATE INDEX "Assessment_organisationId_idx" ON "Assessment"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "Assessment_cycleId_organisationId_key" ON "Assessment"("cycleId", "organisationId");

-- CreateIndex
CREATE INDEX "AssessmentAnswer_itemId_idx" ON "AssessmentAnswer"("itemId");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentAnswer_assessmentId_itemId_key" ON "AssessmentAnswer"("assessmentId", "itemId");

-- CreateIndex
CREATE UNIQUE INDEX "Evidence_storageKey_key" ON "Evidence"("storageKey");

-- CreateIndex
CREATE INDEX "Evidence_answerId_idx" ON "Evidence"("answerId");

-- CreateIndex
CREATE INDEX "FundedMeasure_organisationId_idx" ON "FundedMeasure"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "FundedMeasure_cup_notice_key" ON "FundedMeasure"("cup", "notice");

-- CreateIndex
CREATE INDEX "Need_areaId_status_idx" ON "Need"("areaId", "status");

-- CreateIndex
CREATE INDEX "NeedOrganisation_organisationId_idx" ON "NeedOrganisation"("organisationId");

-- CreateIndex
CREATE INDEX "NeedSource_needId_idx" ON "NeedSource"("needId");

-- CreateIndex
CREATE INDEX "NeedSource_citizenRequestId_idx" ON "NeedSource"("citizenRequestId");

-- CreateIndex
CREATE UNIQUE INDEX "CitizenRequest_receiptCode_key" ON "CitizenRequest"("receiptCode");

-- CreateIndex
CREATE INDEX "CitizenRequest_organisationId_status_idx" ON "CitizenRequest"("organisationId", "status");

-- CreateIndex
CREATE INDEX "CitizenRequest_status_createdAt_idx" ON "CitizenRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "CitizenRequest_contactPurgeAt_idx" ON "CitizenRequest"("contactPurgeAt");

-- CreateIndex
CREATE UNIQUE INDEX "CitizenSupport_requestId_voterHash_day_key" ON "CitizenSupport"("requestId", "voterHash", "day");

-- CreateIndex
CREATE INDEX "JobRun_jobName_startedAt_idx" ON "JobRun"("jobName", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_ipaCode_key" ON "Organisation"("ipaCode");

