"use client";
import { useEffect, useState } from "react";
import { formatDistanceToNowStrict } from "date-fns";
import { Tooltip } from "radix-ui";

/** "3 minutes ago" (or "just now"), with the exact time on hover; re-renders each 30 s so it stays true. */
export function RelativeTime({ date, suffix }: { date: Date | string; suffix?: string }) {
  const value = typeof date === "string" ? new Date(date) : date;
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
  const exact = value.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "long" }) + (suffix ? ` · ${suffix}` : "");
  return (
    <Tooltip.Provider delayDuration={200}>
      <Tooltip.Root>
        <Tooltip.Trigger asChild>
          <time dateTime={value.toISOString()} title={exact} suppressHydrationWarning className="cursor-default whitespace-nowrap">
            {Math.abs(Date.now() - value.getTime()) < 10_000 ? "just now" : formatDistanceToNowStrict(value, { addSuffix: true })}
          </time>
        </Tooltip.Trigger>
        <Tooltip.Portal>
          <Tooltip.Content sideOffset={4} className="z-50 rounded-md bg-zinc-900 px-2 py-1 text-xs text-zinc-50 shadow">
            {exact}
          </Tooltip.Content>
        </Tooltip.Portal>
      </Tooltip.Root>
    </Tooltip.Provider>
  );
}
