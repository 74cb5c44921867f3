import { cn } from "./cn";

type Props = {
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Beside the title, e.g. a status badge. */
  badge?: React.ReactNode;
  /** The page's buttons: right of the title, or under it on a phone. */
  actions?: React.ReactNode;
  /** More lines under the description (a copyable id). */
  children?: React.ReactNode;
  className?: string;
};

/** A page's top: its one h1, what the page is for, and the page's actions. */
export function PageHeader({ title, description, badge, actions, children, className }: Props) {
  return (
    <header className={cn("flex flex-wrap items-start justify-between gap-4", className)}>
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="break-words text-2xl font-semibold tracking-tight text-zinc-900">{title}</h1>
          {badge}
        </div>
        {description && <div className="mt-1 max-w-2xl text-sm text-zinc-600">{description}</div>}
        {children}
      </div>
      {actions}
    </header>
  );
}
