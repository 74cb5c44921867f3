-- migrate:up
-- CreateTable
CREATE TABLE "KeyQuotaPeriod" (
    "keyId" TEXT NOT NULL,
    "periodStart" DATETIME NOT NULL,
    "used" INTEGER NOT NULL DEFAULT 0,
    "notified80" BOOLEAN NOT NULL DEFAULT false,
    "notified100" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("keyId", "periodStart"),
    CONSTRAINT "KeyQuotaPeriod_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "preview" TEXT NOT NULL,
    "encryptedKey" TEXT,
    "channelSlugs" TEXT NOT NULL DEFAULT '',
    "permissions" TEXT,
    "replacedById" TEXT,
    "expiresAt" DATETIME,
    "revokedAt" DATETIME,
    "disabledAt" DATETIME,
    "lastUsedAt" DATETIME,
    "lastUsedIp" TEXT,
    "expiryNotifiedAt" DATETIME,
    "rateLimit" INTEGER,
    "allowedIps" TEXT NOT NULL DEFAULT '',
    "ipReportOnly" BOOLEAN NOT NULL DEFAULT false,
    "allowedOrigins" TEXT NOT NULL DEFAULT '',
    "quota" INTEGER,
    "quotaPeriod" TEXT,
    "browserWarnedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ApiKey_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ApiKey" ("channelSlugs", "createdAt", "createdById", "description", "disabledAt", "encryptedKey", "expiresAt", "expiryNotifiedAt", "hash", "id", "kind", "lastUsedAt", "lastUsedIp", "name", "permissions", "preview", "projectId", "rateLimit", "replacedById", "revokedAt", "role", "scope", "updatedAt", "version") SELECT "channelSlugs", "createdAt", "createdById", "description", "disabledAt", "encryptedKey", "expiresAt", "expiryNotifiedAt", "hash", "id", "kind", "lastUsedAt", "lastUsedIp", "name", "permissions", "preview", "projectId", "rateLimit", "replacedById", "revokedAt", "role", "scope", "updatedAt", "version" FROM "ApiKey";
DROP TABLE "ApiKey";
ALTER TABLE "new_ApiKey" RENAME TO "ApiKey";
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");
CREATE UNIQUE INDEX "ApiKey_replacedById_key" ON "ApiKey"("replacedById");
CREATE INDEX "ApiKey_projectId_createdAt_idx" ON "ApiKey"("projectId", "createdAt");
CREATE INDEX "ApiKey_projectId_name_idx" ON "ApiKey"("projectId", "name");
CREATE INDEX "ApiKey_expiresAt_idx" ON "ApiKey"("expiresAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- migrate:down
-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "KeyQuotaPeriod";
PRAGMA foreign_keys=on;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "preview" TEXT NOT NULL,
    "encryptedKey" TEXT,
    "channelSlugs" TEXT NOT NULL DEFAULT '',
    "permissions" TEXT,
    "replacedById" TEXT,
    "expiresAt" DATETIME,
    "revokedAt" DATETIME,
    "disabledAt" DATETIME,
    "lastUsedAt" DATETIME,
    "lastUsedIp" TEXT,
    "expiryNotifiedAt" DATETIME,
    "rateLimit" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ApiKey_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ApiKey" ("channelSlugs", "createdAt", "createdById", "description", "disabledAt", "encryptedKey", "expiresAt", "expiryNotifiedAt", "hash", "id", "kind", "lastUsedAt", "lastUsedIp", "name", "permissions", "preview", "projectId", "rateLimit", "replacedById", "revokedAt", "role", "scope", "updatedAt", "version") SELECT "channelSlugs", "createdAt", "createdById", "description", "disabledAt", "encryptedKey", "expiresAt", "expiryNotifiedAt", "hash", "id", "kind", "lastUsedAt", "lastUsedIp", "name", "permissions", "preview", "projectId", "rateLimit", "replacedById", "revokedAt", "role", "scope", "updatedAt", "version" FROM "ApiKey";
DROP TABLE "ApiKey";
ALTER TABLE "new_ApiKey" RENAME TO "ApiKey";
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");
CREATE UNIQUE INDEX "ApiKey_replacedById_key" ON "ApiKey"("replacedById");
CREATE INDEX "ApiKey_projectId_createdAt_idx" ON "ApiKey"("projectId", "createdAt");
CREATE INDEX "ApiKey_projectId_name_idx" ON "ApiKey"("projectId", "name");
CREATE INDEX "ApiKey_expiresAt_idx" ON "ApiKey"("expiresAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
