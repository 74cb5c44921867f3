"use client";
import { Tabs } from "radix-ui";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UsagePoint, UsageRange } from "@/lib/keys/usage-queries";
import { OUTCOME_LABEL } from "@/lib/keys/outcomes";

const OUTCOME_BARS = [
  { key: "success", label: OUTCOME_LABEL.success, color: "#10b981" },
  { key: "clientError", label: OUTCOME_LABEL.clientError, color: "#f59e0b" },
  { key: "rateLimited", label: OUTCOME_LABEL.rateLimited, color: "#8b5cf6" },
  { key: "serverError", label: OUTCOME_LABEL.serverError, color: "#ef4444" },
] as const;

// UTC on both server and browser render, so the labels match and hydrate.
const dayLabel = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const RANGES: Record<UsageRange, { tab: string; chartLabel: string; tick: (start: string) => string; tooltip: (start: string) => string }> = {
  "24h": {
    tab: "Last 24 hours",
    chartLabel: "Requests per hour, last 24 hours",
    tick: (start) => start.slice(11, 16),
    tooltip: (start) => `${start.slice(0, 10)} ${start.slice(11, 16)} UTC`,
  },
  "30d": {
    tab: "Last 30 days",
    chartLabel: "Requests per day, last 30 days",
    tick: (start) => dayLabel.format(new Date(start)),
    tooltip: (start) => `${dayLabel.format(new Date(start))} (UTC)`,
  },
};

const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

/** A key's requests over time, stacked by outcome (SPEC §6), for the last 24 hours or 30 days. */
export function UsageChart({ series }: { series: Record<UsageRange, UsagePoint[]> }) {
  return (
    <Tabs.Root defaultValue="24h">
      <Tabs.List aria-label="Period" className="inline-flex rounded-md border border-zinc-300 bg-zinc-50 p-0.5 text-sm">
        {(Object.keys(RANGES) as UsageRange[]).map((range) => (
          <Tabs.Trigger
            key={range}
            value={range}
            className="rounded px-3 py-1 font-medium text-zinc-600 hover:text-zinc-900 data-[state=active]:bg-white data-[state=active]:text-zinc-900 data-[state=active]:shadow-sm"
          >
            {RANGES[range].tab}
          </Tabs.Trigger>
        ))}
      </Tabs.List>
      {(Object.keys(RANGES) as UsageRange[]).map((range) => (
        <Tabs.Content key={range} value={range} className="mt-4">
          <UsagePeriod points={series[range]} range={range} />
        </Tabs.Content>
      ))}
    </Tabs.Root>
  );
}

function UsagePeriod({ points, range }: { points: UsagePoint[]; range: UsageRange }) {
  const totals = Object.fromEntries(OUTCOME_BARS.map(({ key }) => [key, points.reduce((sum, p) => sum + p[key], 0)])) as Record<(typeof OUTCOME_BARS)[number]["key"], number>;
  const total = OUTCOME_BARS.reduce((sum, { key }) => sum + totals[key], 0);
  const { chartLabel, tick, tooltip } = RANGES[range];
  return (
    <>
      <p className="text-sm text-zinc-600">
        <span className="text-lg font-semibold text-zinc-900">{plural(total, "request")}</span>
        {total > 0 && (
          <span className="ml-2">
            (
            {OUTCOME_BARS.filter(({ key }) => totals[key] > 0)
              .map(({ key, label }) => `${totals[key].toLocaleString("en-US")} ${label.toLowerCase()}`)
              .join(", ")}
            )
          </span>
        )}
      </p>
      <div role="img" aria-label={chartLabel} className="mt-3 h-64 w-full overflow-hidden">
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 256 }}>
          <BarChart data={points} margin={{ top: 4, right: 4, bottom: 0, left: -16 }}>
            <CartesianGrid vertical={false} stroke="var(--color-zinc-200)" />
            <XAxis dataKey="start" tickFormatter={tick} tick={{ fontSize: 11, fill: "var(--color-zinc-500)" }} tickLine={false} axisLine={{ stroke: "var(--color-zinc-300)" }} minTickGap={12} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "var(--color-zinc-500)" }} tickLine={false} axisLine={false} />
            <Tooltip
              labelFormatter={(start) => tooltip(String(start))}
              itemSorter={(item) => OUTCOME_BARS.findIndex(({ key }) => key === item.dataKey)}
              cursor={{ fill: "var(--color-zinc-100)" }}
              contentStyle={{ fontSize: 12, borderRadius: 6, background: "var(--color-white)", borderColor: "var(--color-zinc-200)", color: "var(--color-zinc-900)" }}
            />
            <Legend iconType="square" iconSize={10} itemSorter={null} wrapperStyle={{ fontSize: 12 }} />
            {OUTCOME_BARS.map(({ key, label, color }) => (
              <Bar key={key} dataKey={key} name={label} stackId="outcome" fill={color} maxBarSize={28} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </>
  );
}
