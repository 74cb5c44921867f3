// What changed, one "field: value" per line; a change recorded as {from, to} reads "from → to".
function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value || "“”";
  if (typeof value === "object" && !Array.isArray(value) && "to" in value) {
    const change = value as { from?: unknown; to: unknown };
    return `${show(change.from)} → ${show(change.to)}`;
  }
  return JSON.stringify(value);
}

export function AuditDetails({ changes }: { changes: Record<string, unknown> | null }) {
  const lines = Object.entries(changes ?? {});
  if (lines.length === 0) return <span className="text-zinc-500">—</span>;
  return (
    <dl className="space-y-0.5 text-xs">
      {lines.map(([field, value]) => (
        <div key={field} className="flex max-w-sm gap-1">
          <dt className="shrink-0 text-zinc-500">{field}:</dt>
          <dd className="min-w-0 font-mono text-zinc-700 [overflow-wrap:anywhere]">{show(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
