-- migrate:up
-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN "replacedById" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_replacedById_key" ON "ApiKey"("replacedById");

-- migrate:down
-- Hand-edited from a table redefinition, which would drop and re-create ApiKey.
DROP INDEX "ApiKey_replacedById_key";
ALTER TABLE "ApiKey" DROP COLUMN "replacedById";
