-- migrate:up
-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailVerifiedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Project_createdById_createdAt_idx" ON "Project"("createdById", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEntry_actorId_createdAt_idx" ON "AuditEntry"("actorId", "createdAt");

-- migrate:down
-- DropIndex
DROP INDEX "Project_createdById_createdAt_idx";

-- DropIndex
DROP INDEX "AuditEntry_actorId_createdAt_idx";

-- AlterTable
ALTER TABLE "User" DROP COLUMN "emailVerifiedAt";
