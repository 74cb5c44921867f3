-- migrate:up
-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "disabledAt" TIMESTAMP(3);

-- migrate:down
-- AlterTable
ALTER TABLE "ApiKey" DROP COLUMN "disabledAt";
