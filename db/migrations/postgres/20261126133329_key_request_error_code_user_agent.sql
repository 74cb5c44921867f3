-- migrate:up
-- AlterTable
ALTER TABLE "KeyRequest" ADD COLUMN     "errorCode" TEXT,
ADD COLUMN     "userAgent" TEXT;

-- migrate:down
-- AlterTable
ALTER TABLE "KeyRequest" DROP COLUMN "errorCode",
DROP COLUMN "userAgent";
