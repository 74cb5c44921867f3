"use client";
import { useEffect, useState } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Dialog } from "radix-ui";
import { LogoMark } from "@/components/logo";

// Tailwind's md breakpoint: from here up the sidebar shows, so an open sheet has no reason to stay.
const SIDEBAR_SHOWN = "(min-width: 48rem)";

/**
 * Below md: the logo, the project's name and "Open navigation", which opens the sidebar's
 * navigation (passed as children) in a sheet. Radix returns focus to the menu button on close.
 */
export function MobileTopBar({ projectName, children }: { projectName: string; children: React.ReactNode }) {
  const pathname = usePathname();
  // Remembering the page the sheet was opened on closes it on any navigation, link or back button alike.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;

  useEffect(() => {
    const wide = window.matchMedia(SIDEBAR_SHOWN);
    const close = () => wide.matches && setOpenOn(null);
    wide.addEventListener("change", close);
    return () => wide.removeEventListener("change", close);
  }, []);

  // A tap on a link to the page already shown changes no path, so links close the sheet themselves.
  // React events bubble through portals, so this also sees the project switcher's menu items.
  const closeOnLink = (event: React.MouseEvent) => {
    if ((event.target as Element).closest("a")) setOpenOn(null);
  };

  return (
    <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b border-zinc-200 bg-white px-4 md:hidden">
      <Link href="/" className="shrink-0">
        <LogoMark className="h-7 w-7" />
        <span className="sr-only">Latchkey</span>
      </Link>
      <p className="min-w-0 flex-1 truncate text-sm font-semibold text-zinc-900">{projectName}</p>
      <Dialog.Root open={open} onOpenChange={(next) => setOpenOn(next ? pathname : null)}>
        <Dialog.Trigger aria-label="Open navigation" className="-mr-2 rounded-md p-2 text-zinc-700 hover:bg-zinc-100">
          <MenuIcon />
        </Dialog.Trigger>
        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 z-40 bg-black/50 md:hidden" />
          <Dialog.Content aria-describedby={undefined} onClick={closeOnLink} className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col bg-white shadow-2xl md:hidden">
            <div className="flex h-14 shrink-0 items-center justify-between border-b border-zinc-200 px-4">
              <Dialog.Title className="sr-only">Navigation</Dialog.Title>
              <span aria-hidden="true" className="flex items-center gap-2 text-base font-semibold text-zinc-900">
                <LogoMark className="h-6 w-6" /> Latchkey
              </span>
              <Dialog.Close aria-label="Close navigation" className="-mr-2 rounded-md p-2 text-zinc-700 hover:bg-zinc-100">
                <CloseIcon />
              </Dialog.Close>
            </div>
            {children}
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </header>
  );
}

function MenuIcon() {
  return (
    <svg viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
      <path d="M4 7h16M4 12h16M4 17h16" />
    </svg>
  );
}

function CloseIcon() {
  return (
    <svg viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
      <path d="M6 6l12 12M18 6L6 18" />
    </svg>
  );
}
