import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { LogoMark } from "@/components/logo";
import { NewProjectForm } from "./_components/new-project-form";

export const metadata: Metadata = { title: "New project" };

export default async function NewProjectPage() {
  if (!(await currentUser())) redirect("/login");
  return (
    <main id="main" tabIndex={-1} className="outline-none flex min-h-screen flex-col items-center justify-center px-4">
      <Link href="/" className="mb-8 flex items-center gap-2 text-lg font-semibold">
        <LogoMark /> Latchkey
      </Link>
      <div className="w-full max-w-sm rounded-xl bg-white p-8 shadow-sm ring-1 ring-zinc-900/5">
        <h1 className="text-xl font-semibold">New project</h1>
        <p className="mt-1 text-sm text-zinc-600">A project holds its own keys, channels and audit log. You will be its owner.</p>
        <NewProjectForm />
      </div>
    </main>
  );
}
