import Link from "next/link";
import { LogoMark } from "@/components/logo";
import { ThemeToggle } from "@/components/theme-toggle";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main id="main" tabIndex={-1} className="outline-none flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <Link href="/" className="mb-8 flex items-center gap-2 text-lg font-semibold text-zinc-900">
        <LogoMark /> Latchkey
      </Link>
      <div className="w-full max-w-sm rounded-xl bg-white p-8 shadow-sm ring-1 ring-zinc-900/5">{children}</div>
      <p className="mt-6 max-w-sm text-center text-xs text-zinc-500">Self-hosted API keys: least privilege, shown once, revoked instantly.</p>
      <ThemeToggle className="mt-4" />
    </main>
  );
}
