import type { AuditEntryDto } from "./queries";

// The audit log as CSV (RFC 4180). Labels, targets and user agents are chosen by whoever made the
// request, so every cell is both escaped and defused: a spreadsheet must never run a cell as a
// formula (OWASP "CSV injection").

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: formula-like text gets a leading apostrophe; quotes, commas and line breaks are quoted. */
export function csvCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: (string | null | undefined)[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

export const AUDIT_CSV_COLUMNS = ["Time", "Actor type", "Actor ID", "Actor", "Action", "Target type", "Target ID", "Target", "IP", "User agent", "Details"];

export function auditCsvLine(entry: AuditEntryDto): string {
  return csvLine([
    entry.createdAt,
    entry.actor.type,
    entry.actor.id,
    entry.actor.label,
    entry.action,
    entry.target?.type,
    entry.target?.id,
    entry.target?.label,
    entry.ip,
    entry.userAgent,
    entry.changes ? JSON.stringify(entry.changes) : null,
  ]);
}

/** The header and one line per entry, as a byte stream that reads the entries as it goes. */
export function auditCsvStream(entries: AsyncIterable<AuditEntryDto>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = entries[Symbol.asyncIterator]();
  return new ReadableStream({
    start(controller) {
      // A byte-order mark, so spreadsheet programs read the file as UTF-8.
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(AUDIT_CSV_COLUMNS)}`));
    },
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(auditCsvLine(next.value)));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
