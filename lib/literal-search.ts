import "server-only";
import { db, isPostgres } from "@/lib/db";
import { raw, sql } from "@/lib/generated/sqlite/internal/prismaNamespace";

// "Contains" searches that take the text literally: `%`, `_` and `\` match themselves. Prisma's
// `contains` hands them to LIKE as wildcards, and on SQLite it writes no ESCAPE clause, so nothing
// passed through it can escape them there. This reads the distinct matching values with
// LIKE … ESCAPE '\' (ILIKE on PostgreSQL, like Prisma's mode "insensitive"; SQLite's LIKE ignores
// ASCII case), and the caller filters with `in`. The columns searched hold few distinct values per
// project (key names, actor labels).

const COLUMNS = {
  keyName: { table: "ApiKey", column: "name" },
  auditActorLabel: { table: "AuditEntry", column: "actorLabel" },
} as const;

/** The LIKE pattern for "contains `text`", with the escape character `\`. */
export const likeContaining = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The distinct values of a project's column that contain `text`, case-insensitively. */
export async function valuesContaining(column: keyof typeof COLUMNS, projectId: string, text: string): Promise<string[]> {
  const { table, column: name } = COLUMNS[column];
  const rows = await db().$queryRaw<{ value: string }[]>(
    sql`SELECT DISTINCT ${raw(`"${name}"`)} AS "value" FROM ${raw(`"${table}"`)}
        WHERE "projectId" = ${projectId} AND ${raw(`"${name}"`)} ${raw(isPostgres() ? "ILIKE" : "LIKE")} ${likeContaining(text)} ESCAPE '\\'`,
  );
  return rows.map((r) => r.value);
}
