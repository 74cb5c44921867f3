-- migrate:up
-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN "rateLimit" INTEGER;

-- CreateTable
CREATE TABLE "KeyUsage" (
    "keyId" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
    "success" INTEGER NOT NULL DEFAULT 0,
    "clientError" INTEGER NOT NULL DEFAULT 0,
    "rateLimited" INTEGER NOT NULL DEFAULT 0,
    "serverError" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("keyId", "hour"),
    CONSTRAINT "KeyUsage_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KeyRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "keyId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "ip" TEXT,
    "requestId" TEXT NOT NULL,
    "durationMs" INTEGER NOT NULL,
    CONSTRAINT "KeyRequest_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "KeyRequest_keyId_at_idx" ON "KeyRequest"("keyId", "at");

-- CreateIndex
CREATE INDEX "KeyRequest_at_idx" ON "KeyRequest"("at");

-- migrate:down
-- DropIndex
DROP INDEX "KeyRequest_keyId_at_idx";

-- DropIndex
DROP INDEX "KeyRequest_at_idx";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "KeyUsage";
PRAGMA foreign_keys=on;

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "KeyRequest";
PRAGMA foreign_keys=on;

-- AlterTable
ALTER TABLE "ApiKey" DROP COLUMN "rateLimit";
