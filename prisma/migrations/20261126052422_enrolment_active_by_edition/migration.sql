-- CreateIndex
CREATE INDEX "Enrolment_editionId_status_personId_enrolledAt_idx" ON "Enrolment"("editionId", "status", "personId", "enrolledAt");

