-- migrate:up
-- AlterTable
ALTER TABLE "KeyRequest" ADD COLUMN "errorCode" TEXT;
ALTER TABLE "KeyRequest" ADD COLUMN "userAgent" TEXT;

-- migrate:down
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_KeyRequest" (
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
INSERT INTO "new_KeyRequest" ("at", "durationMs", "id", "ip", "keyId", "method", "path", "requestId", "status") SELECT "at", "durationMs", "id", "ip", "keyId", "method", "path", "requestId", "status" FROM "KeyRequest";
DROP TABLE "KeyRequest";
ALTER TABLE "new_KeyRequest" RENAME TO "KeyRequest";
CREATE INDEX "KeyRequest_keyId_at_idx" ON "KeyRequest"("keyId", "at");
CREATE INDEX "KeyRequest_at_idx" ON "KeyRequest"("at");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
