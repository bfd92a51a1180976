-- AlterTable
ALTER TABLE "CitizenSupport" ADD COLUMN "addressHash" TEXT;

-- CreateIndex
CREATE INDEX "CitizenSupport_requestId_addressHash_day_idx" ON "CitizenSupport"("requestId", "addressHash", "day");
