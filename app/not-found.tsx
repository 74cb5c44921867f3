import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" tabIndex={-1} className="outline-none flex min-h-screen flex-col items-center justify-center gap-3 px-4 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-sm text-zinc-600">This page does not exist, or you are not a member of its project.</p>
      <Link href="/" className="mt-2 text-sm font-medium text-brand-600 hover:text-brand-700">
        Back to your projects
      </Link>
    </main>
  );
}
