import "server-only";
import { db, isPostgres } from "@/lib/db";
import { raw, sql } from "@/lib/generated/sqlite/internal/prismaNamespace";

// "Contains" searches that take the text literally: `%`, `_` and `\` match themselves. Prisma's
// `contains` hands them to LIKE as wildcards, and on SQLite it writes no ESCAPE clause, so nothing
// passed through it can escape them there. This reads the distinct matching values with
// LIKE … ESCAPE '\' (ILIKE on PostgreSQL, like Prisma's mode "insensitive"; SQLite's LIKE ignores
// ASCII case), and the caller filters with `in`. The columns searched hold few distinct values per
// project (key names, key previews, actor labels).

const COLUMNS = {
  keyName: { table: "ApiKey", column: "name" },
  keyPreview: { table: "ApiKey", column: "preview" },
  auditActorLabel: { table: "AuditEntry", column: "actorLabel" },
} as const;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The LIKE pattern for "contains `text`", with the escape character `\`. */
export const likeContaining = (text: string) => `%${escapeLike(text)}%`;

/** The LIKE pattern for "ends with `text`", with the escape character `\`. */
export const likeEndingWith = (text: string) => `%${escapeLike(text)}`;

/** The distinct values of a project's column that contain `text`, case-insensitively. */
export function valuesContaining(column: keyof typeof COLUMNS, projectId: string, text: string): Promise<string[]> {
  return valuesLike(column, projectId, likeContaining(text));
}

/** The distinct values of a project's column that end with `text`, case-insensitively. */
export function valuesEndingWith(column: keyof typeof COLUMNS, projectId: string, text: string): Promise<string[]> {
  return valuesLike(column, projectId, likeEndingWith(text));
}

async function valuesLike(column: keyof typeof COLUMNS, projectId: string, pattern: string): Promise<string[]> {
  const { table, column: name } = COLUMNS[column];
  const rows = await db().$queryRaw<{ value: string }[]>(
    sql`SELECT DISTINCT ${raw(`"${name}"`)} AS "value" FROM ${raw(`"${table}"`)}
        WHERE "projectId" = ${projectId} AND ${raw(`"${name}"`)} ${raw(isPostgres() ? "ILIKE" : "LIKE")} ${pattern} ESCAPE '\\'`,
  );
  return rows.map((r) => r.value);
}
