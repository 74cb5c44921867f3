"use client";
import { useTransition } from "react";
import { usePathname, useRouter } from "next/navigation";
import { OUTCOMES, OUTCOME_LABEL, type Outcome } from "@/lib/keys/outcomes";

/** "Outcome": all requests or one outcome; choosing one shows its newest page. */
export function RecentRequestsFilter({ outcome }: { outcome: Outcome | null }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor="recent-requests-outcome" className="font-medium text-zinc-700">
        Outcome
      </label>
      <select
        id="recent-requests-outcome"
        value={outcome ?? ""}
        aria-busy={pending}
        onChange={(e) => {
          const value = e.currentTarget.value;
          startTransition(() => router.replace(value ? `${pathname}?outcome=${value}` : pathname, { scroll: false }));
        }}
        className="h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-800"
      >
        <option value="">All</option>
        {OUTCOMES.map((o) => (
          <option key={o} value={o}>
            {OUTCOME_LABEL[o]}
          </option>
        ))}
      </select>
    </div>
  );
}
