import { requireMember } from "@/lib/auth/require-member";
import { projectsOf } from "@/lib/projects/queries";
import { Sidebar } from "../../_components/sidebar";
import { RefreshOnFocus } from "@/components/refresh-on-focus";
import { RememberProject } from "./_components/remember-project";
import { PublicUrlBanner } from "./_components/public-url-banner";
import { appUrl } from "@/lib/mail/templates";
import { memberMay } from "@/lib/members/rules";

export default async function ProjectLayout({ children, params }: { children: React.ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, project, role } = await requireMember(slug);
  const projects = await projectsOf(user.id);
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <Sidebar project={project} projects={projects} user={user} role={role} />
      <main id="main" tabIndex={-1} className="outline-none min-w-0 flex-1 px-4 py-6 sm:px-6 md:py-8 lg:px-10">
        {memberMay(role, "seesSetupWarnings") && <PublicUrlBanner configuredUrl={appUrl()} />}
        {children}
      </main>
      <RefreshOnFocus />
      <RememberProject projectSlug={project.slug} />
    </div>
  );
}
