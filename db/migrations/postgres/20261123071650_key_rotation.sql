-- migrate:up
-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "replacedById" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_replacedById_key" ON "ApiKey"("replacedById");

-- migrate:down
-- DropIndex
DROP INDEX "ApiKey_replacedById_key";

-- AlterTable
ALTER TABLE "ApiKey" DROP COLUMN "replacedById";
