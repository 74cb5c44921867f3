import { cn } from "./cn";

/** A grey placeholder block, pulsing unless the person asked for less motion. */
export function Skeleton({ className }: { className?: string }) {
  return <div className={cn("rounded-md bg-zinc-200 motion-safe:animate-pulse", className)} />;
}

/** A settings page while its data loads: title, description and a table (or the key page's panels). */
export function PageSkeleton({ label, rows = 5, panels = false }: { label: string; rows?: number; panels?: boolean }) {
  return (
    <div aria-busy="true" className="mx-auto max-w-6xl">
      <p className="sr-only">{label}…</p>
      <Skeleton className="h-8 w-48" />
      <Skeleton className="mt-3 h-4 w-full max-w-xl" />
      {panels && <Skeleton className="mt-8 h-56 w-full" />}
      <div className="mt-8 space-y-px overflow-hidden rounded-lg border border-zinc-200 bg-white">
        <div className="h-10 bg-zinc-50" />
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="flex items-center gap-4 px-4 py-3">
            <Skeleton className="h-4 w-1/4" />
            <Skeleton className="h-4 w-1/6" />
            <Skeleton className="h-4 flex-1" />
          </div>
        ))}
      </div>
    </div>
  );
}
