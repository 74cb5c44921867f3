"use client";
import Link from "next/link";
import { DropdownMenu } from "radix-ui";

type Project = { slug: string; name: string };

export function ProjectSwitcher({ current, projects }: { current: Project; projects: (Project & { role: string })[] }) {
  const item = "flex cursor-pointer items-center justify-between rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-zinc-100";
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label={`Project: ${current.name}. Switch project`}
        className="flex w-full items-center justify-between rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-left text-sm font-medium hover:bg-zinc-100"
      >
        <span className="truncate">{current.name}</span>
        <span aria-hidden="true" className="text-zinc-500">
          ⌄
        </span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="start" sideOffset={4} className="z-50 w-60 rounded-md border border-zinc-200 bg-white p-1 shadow-lg">
          <DropdownMenu.Label className="px-2 py-1 text-xs font-medium text-zinc-500">Projects</DropdownMenu.Label>
          {projects.map((p) => (
            <DropdownMenu.Item key={p.slug} asChild className={item}>
              {/* No prefetch: rendering a project's layout remembers it as the last one opened, so a
                  prefetch of every listed project would make sign-in land on whichever came last. */}
              <Link href={`/p/${p.slug}/settings/api-keys`} prefetch={false}>
                <span className="truncate">{p.name}</span>
                {p.slug === current.slug && <span aria-label="current project">✓</span>}
              </Link>
            </DropdownMenu.Item>
          ))}
          <DropdownMenu.Separator className="my-1 h-px bg-zinc-200" />
          <DropdownMenu.Item asChild className={item}>
            <Link href="/projects/new">New project</Link>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
