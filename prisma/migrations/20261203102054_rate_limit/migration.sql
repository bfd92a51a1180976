-- The login throttle's counters and waits (docs/decisions/014-login-throttling.md).
-- NOTE: TIMESTAMP rather than Prisma's SQLite default DATETIME, so this file also runs on
-- PostgreSQL; SQLite gives both the same affinity and the driver adapter reads both as DateTime.

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL,
    "expire" TIMESTAMP
);

-- CreateIndex
CREATE INDEX "RateLimit_expire_idx" ON "RateLimit"("expire");
