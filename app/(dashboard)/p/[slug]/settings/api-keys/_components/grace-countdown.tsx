"use client";
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";

const two = (n: number) => String(n).padStart(2, "0");

/** "23:59:41", or "6d 23:59:41" from a day up. */
export function formatCountdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const days = Math.floor(seconds / 86_400);
  const clock = `${two(Math.floor((seconds % 86_400) / 3600))}:${two(Math.floor((seconds % 3600) / 60))}:${two(seconds % 60)}`;
  return days > 0 ? `${days}d ${clock}` : clock;
}

/**
 * "Stops working in 23:59:41" for a replaced key in its grace period, ticking each second. A timer,
 * not a live region: screen readers read it when reached, not every second. At zero the page is
 * fetched again, so the key's status turns to Expired.
 */
export function GraceCountdown({ expiresAt }: { expiresAt: Date | string }) {
  const router = useRouter();
  const end = new Date(expiresAt).getTime();
  const [, tick] = useState(0);
  const left = end - Date.now();
  const over = left <= 0;
  useEffect(() => {
    if (over) {
      router.refresh();
      return;
    }
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [over, router]);
  return (
    <span role="timer" suppressHydrationWarning className="whitespace-nowrap tabular-nums">
      {over ? "Stopped working" : `Stops working in ${formatCountdown(left)}`}
    </span>
  );
}
