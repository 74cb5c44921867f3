-- migrate:up
-- Hand-edited from Prisma's table redefinition: ADD COLUMN keeps the table (and the KeyChannel rows
-- that cascade from it) in place.
ALTER TABLE "ApiKey" ADD COLUMN "channelSlugs" TEXT NOT NULL DEFAULT '';
UPDATE "ApiKey" SET "channelSlugs" = COALESCE((
  SELECT group_concat("slug", ',') FROM (
    SELECT c."slug" FROM "KeyChannel" kc JOIN "Channel" c ON c."id" = kc."channelId"
    WHERE kc."keyId" = "ApiKey"."id" ORDER BY c."slug"
  )
), '');

-- migrate:down
ALTER TABLE "ApiKey" DROP COLUMN "channelSlugs";
