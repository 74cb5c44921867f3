// One titled card of the Account page; the heading names the section for screen readers too.
export function AccountSection({ id, title, description, children }: { id: string; title: string; description: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-zinc-900/5">
      <h2 id={`${id}-title`} className="text-lg font-semibold text-zinc-900">
        {title}
      </h2>
      <p className="mt-1 text-sm text-zinc-600">{description}</p>
      <div className="mt-4">{children}</div>
    </section>
  );
}
