-- migrate:up
-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "channelSlugs" TEXT NOT NULL DEFAULT '';
-- Backfill from the KeyChannel rows (hand-written).
UPDATE "ApiKey" k SET "channelSlugs" = COALESCE((
  SELECT string_agg(c."slug", ',' ORDER BY c."slug") FROM "KeyChannel" kc JOIN "Channel" c ON c."id" = kc."channelId"
  WHERE kc."keyId" = k."id"
), '');

-- migrate:down
-- AlterTable
ALTER TABLE "ApiKey" DROP COLUMN "channelSlugs";
