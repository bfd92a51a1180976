-- CreateIndex
CREATE INDEX "Attendance_sessionId_status_personId_minutes_idx" ON "Attendance"("sessionId", "status", "personId", "minutes");

