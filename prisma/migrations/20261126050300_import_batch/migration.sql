-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "token" TEXT NOT NULL,
    "actorId" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "rows" TEXT NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "summary" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PREVIEW',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "committedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "ImportBatch_token_key" ON "ImportBatch"("token");

-- CreateIndex
CREATE INDEX "ImportBatch_actorId_status_idx" ON "ImportBatch"("actorId", "status");

-- CreateIndex
CREATE INDEX "ImportBatch_expiresAt_idx" ON "ImportBatch"("expiresAt");

