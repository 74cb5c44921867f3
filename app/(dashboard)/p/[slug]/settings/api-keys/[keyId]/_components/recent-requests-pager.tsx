import Link from "next/link";
import type { Outcome } from "@/lib/keys/outcomes";

const link = "rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-700 shadow-sm hover:bg-zinc-50";

/** "Newer" and "Older" for the recent requests, keeping the outcome filter and the scroll position. */
export function RecentRequestsPager({ outcome, newer, older }: { outcome: Outcome | null; newer: string | null; older: string | null }) {
  if (!newer && !older) return null;
  const href = (cursor: Record<string, string>) => `?${new URLSearchParams({ ...(outcome ? { outcome } : {}), ...cursor })}`;
  return (
    <nav aria-label="Recent requests pages" className="mt-3 flex justify-end gap-2">
      {newer && (
        <Link href={href({ after: newer })} scroll={false} className={link}>
          Newer
        </Link>
      )}
      {older && (
        <Link href={href({ before: older })} scroll={false} className={link}>
          Older
        </Link>
      )}
    </nav>
  );
}
