import Link from "next/link";

/** Server-side pagination links that keep the other query parameters. */
export function Pagination({ page, pageCount, total, params, noun }: { page: number; pageCount: number; total: number; params: Record<string, string>; noun: string }) {
  const href = (p: number) => `?${new URLSearchParams({ ...params, page: String(p) })}`;
  const link = "rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-700 shadow-sm hover:bg-zinc-50";
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm text-zinc-600">
      <p>
        {total} {noun}
        {total === 1 ? "" : "s"} · page {page} of {pageCount}
      </p>
      <div className="flex gap-2">
        {page > 1 && (
          <Link href={href(page - 1)} className={link}>
            Previous
          </Link>
        )}
        {page < pageCount && (
          <Link href={href(page + 1)} className={link}>
            Next
          </Link>
        )}
      </div>
    </nav>
  );
}
