-- migrate:up
-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN "expiryNotifiedAt" DATETIME;

-- CreateTable
CREATE TABLE "Invitation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "invitedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Invitation_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Mail" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "recipient" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "retryAt" DATETIME,
    "lastError" TEXT
);

-- AlterTable (ADD COLUMN, not a table redefinition: dbmate runs in a transaction, where
-- PRAGMA foreign_keys=OFF is ignored, so dropping "Project" would cascade to every row)
ALTER TABLE "Project" ADD COLUMN "revealSecretKeys" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "ApiKey_expiresAt_idx" ON "ApiKey"("expiresAt");

-- CreateIndex
CREATE INDEX "AuditEntry_projectId_targetId_idx" ON "AuditEntry"("projectId", "targetId");

-- CreateIndex
CREATE INDEX "Invitation_email_idx" ON "Invitation"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_projectId_email_key" ON "Invitation"("projectId", "email");

-- CreateIndex
CREATE INDEX "Mail_sentAt_createdAt_idx" ON "Mail"("sentAt", "createdAt");

-- CreateIndex
CREATE INDEX "Mail_recipient_createdAt_idx" ON "Mail"("recipient", "createdAt");

-- migrate:down
-- DropIndex
DROP INDEX "ApiKey_expiresAt_idx";

-- DropIndex
DROP INDEX "AuditEntry_projectId_targetId_idx";

-- DropIndex
DROP INDEX "Invitation_email_idx";

-- DropIndex
DROP INDEX "Invitation_projectId_email_key";

-- DropIndex
DROP INDEX "Mail_sentAt_createdAt_idx";

-- DropIndex
DROP INDEX "Mail_recipient_createdAt_idx";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "Invitation";
PRAGMA foreign_keys=on;

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "Mail";
PRAGMA foreign_keys=on;

-- AlterTable
ALTER TABLE "Project" DROP COLUMN "revealSecretKeys";
ALTER TABLE "ApiKey" DROP COLUMN "expiryNotifiedAt";
