-- migrate:up
-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "allowedIps" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "allowedOrigins" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "browserWarnedAt" TIMESTAMP(3),
ADD COLUMN     "ipReportOnly" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "quota" INTEGER,
ADD COLUMN     "quotaPeriod" TEXT;

-- CreateTable
CREATE TABLE "KeyQuotaPeriod" (
    "keyId" TEXT NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "used" INTEGER NOT NULL DEFAULT 0,
    "notified80" BOOLEAN NOT NULL DEFAULT false,
    "notified100" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "KeyQuotaPeriod_pkey" PRIMARY KEY ("keyId","periodStart")
);

-- AddForeignKey
ALTER TABLE "KeyQuotaPeriod" ADD CONSTRAINT "KeyQuotaPeriod_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- migrate:down
-- DropForeignKey
ALTER TABLE "KeyQuotaPeriod" DROP CONSTRAINT "KeyQuotaPeriod_keyId_fkey";

-- AlterTable
ALTER TABLE "ApiKey" DROP COLUMN "allowedIps",
DROP COLUMN "allowedOrigins",
DROP COLUMN "browserWarnedAt",
DROP COLUMN "ipReportOnly",
DROP COLUMN "quota",
DROP COLUMN "quotaPeriod";

-- DropTable
DROP TABLE "KeyQuotaPeriod";
