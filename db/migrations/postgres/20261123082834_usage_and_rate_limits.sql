-- migrate:up
-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "rateLimit" INTEGER;

-- CreateTable
CREATE TABLE "KeyUsage" (
    "keyId" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "success" INTEGER NOT NULL DEFAULT 0,
    "clientError" INTEGER NOT NULL DEFAULT 0,
    "rateLimited" INTEGER NOT NULL DEFAULT 0,
    "serverError" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "KeyUsage_pkey" PRIMARY KEY ("keyId","hour")
);

-- CreateTable
CREATE TABLE "KeyRequest" (
    "id" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "ip" TEXT,
    "requestId" TEXT NOT NULL,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "KeyRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "KeyRequest_keyId_at_idx" ON "KeyRequest"("keyId", "at");

-- CreateIndex
CREATE INDEX "KeyRequest_at_idx" ON "KeyRequest"("at");

-- AddForeignKey
ALTER TABLE "KeyUsage" ADD CONSTRAINT "KeyUsage_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KeyRequest" ADD CONSTRAINT "KeyRequest_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- migrate:down
-- DropForeignKey
ALTER TABLE "KeyUsage" DROP CONSTRAINT "KeyUsage_keyId_fkey";

-- DropForeignKey
ALTER TABLE "KeyRequest" DROP CONSTRAINT "KeyRequest_keyId_fkey";

-- AlterTable
ALTER TABLE "ApiKey" DROP COLUMN "rateLimit";

-- DropTable
DROP TABLE "KeyUsage";

-- DropTable
DROP TABLE "KeyRequest";
