import { cn } from "./cn";

// A labelled form field with its error under it, linked by aria-describedby and announced.
export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <div id={id} aria-live="polite" className="min-h-0">
      {errors?.map((message) => (
        <p key={message} className="mt-1 text-sm text-red-600">
          {message}
        </p>
      ))}
    </div>
  );
}

type FieldProps = {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  children: (describedBy: string) => React.ReactNode;
  className?: string;
};

export function Field({ id, label, hint, errors, children, className }: FieldProps) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
        {label}
      </label>
      {children(hint ? `${hintId} ${errorId}` : errorId)}
      {hint && (
        <p id={hintId} className="text-xs text-zinc-500">
          {hint}
        </p>
      )}
      <FieldError id={errorId} errors={errors} />
    </div>
  );
}

export const inputClass =
  "block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-zinc-500 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/20 aria-[invalid=true]:border-red-500";

export function FormError({ message }: { message?: string }) {
  // role="alert" announces it; an aria-live wrapper as well would announce it twice.
  return message ? (
    <p role="alert" tabIndex={-1} className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
      {message}
    </p>
  ) : null;
}
