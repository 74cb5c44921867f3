import { useId } from "react";
import { cn } from "./cn";

type Props = {
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Controls beside the title (a switch, a button). */
  actions?: React.ReactNode;
  /** "card" (default): a bordered white box. "plain": a heading over content that brings its own box (a table). */
  variant?: "card" | "plain";
  id?: string;
  className?: string;
  children?: React.ReactNode;
};

/** A titled part of a page; its h2 names it, so it is a region screen readers can jump to. */
export function Section({ title, description, actions, variant = "card", id, className, children }: Props) {
  const generated = useId();
  const headingId = id ?? `section-${generated}`;
  return (
    <section aria-labelledby={headingId} className={cn(variant === "card" && "rounded-lg border border-zinc-200 bg-white p-5 shadow-sm", className)}>
      <div className="flex items-start justify-between gap-6">
        <div className="min-w-0">
          <h2 id={headingId} className="text-base font-semibold text-zinc-900">
            {title}
          </h2>
          {description && <div className="mt-1 max-w-2xl text-sm text-zinc-600">{description}</div>}
        </div>
        {actions && <div className="shrink-0">{actions}</div>}
      </div>
      {/* Children that render nothing (a closed dialog, a hidden note) leave no gap. */}
      <div className={cn("empty:hidden", variant === "card" ? "mt-4" : "mt-3")}>{children}</div>
    </section>
  );
}
