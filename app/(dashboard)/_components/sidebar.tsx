import Link from "next/link";
import { LogoMark } from "@/components/logo";
import { ProjectSwitcher } from "./project-switcher";
import { NavLink } from "./nav-link";
import { SignOutButton } from "./sign-out-button";
import { MobileTopBar } from "./mobile-top-bar";
import { ThemeToggle } from "@/components/theme-toggle";

type SidebarProps = {
  project: { slug: string; name: string };
  projects: { slug: string; name: string; role: string }[];
  user: { name: string; email: string };
  role: string;
};

/**
 * The project's navigation: a sidebar from the md breakpoint up, and below it a top bar whose menu
 * button opens the same navigation in a sheet (SPEC §6: phones).
 */
export function Sidebar({ project, projects, user, role }: SidebarProps) {
  const navigation = <Navigation project={project} projects={projects} user={user} role={role} />;
  return (
    <>
      <MobileTopBar projectName={project.name}>{navigation}</MobileTopBar>
      <aside className="sticky top-0 hidden h-screen w-64 shrink-0 flex-col border-r border-zinc-200 bg-white md:flex">
        <Link href="/" className="flex items-center gap-2 px-5 pt-5 text-base font-semibold">
          <LogoMark className="h-6 w-6" /> Latchkey
        </Link>
        {navigation}
      </aside>
    </>
  );
}

/** The project switcher, the settings links and the account footer; its container is a flex column. */
function Navigation({ project, projects, user, role }: SidebarProps) {
  const base = `/p/${project.slug}/settings`;
  return (
    <>
      <div className="px-3 pt-5">
        <ProjectSwitcher current={project} projects={projects} />
      </div>
      <nav aria-label="Settings" className="mt-6 flex-1 space-y-1 overflow-y-auto px-3">
        <p className="px-2 pb-1 text-xs font-medium uppercase tracking-wide text-zinc-500">Settings</p>
        <NavLink href={`${base}/api-keys`}>API Keys</NavLink>
        <NavLink href={`${base}/oauth-clients`}>OAuth clients</NavLink>
        <NavLink href={`${base}/channels`}>Channels</NavLink>
        <NavLink href={`${base}/members`}>Members</NavLink>
        <NavLink href={`/p/${project.slug}/api-reference`}>API reference</NavLink>
        <NavLink href={`${base}/webhooks`}>Webhooks</NavLink>
        <NavLink href={`${base}/audit-log`}>Audit log</NavLink>
        <NavLink href={`${base}/security`}>Security</NavLink>
      </nav>
      <div className="border-t border-zinc-200 px-4 py-4">
        <p className="truncate text-sm font-medium text-zinc-900">{user.name}</p>
        <p className="truncate text-xs text-zinc-500">
          {user.email} · <span className="capitalize">{role}</span>
        </p>
        <div className="mt-3 flex items-center gap-4">
          <Link href="/account" className="text-sm font-medium text-zinc-600 hover:text-zinc-900">
            Account
          </Link>
          <SignOutButton />
        </div>
        <ThemeToggle className="mt-3" />
      </div>
    </>
  );
}
