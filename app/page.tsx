import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { landingProjectSlug } from "@/lib/projects/queries";

export default async function Home() {
  const user = await currentUser();
  if (!user) redirect("/login");
  const slug = await landingProjectSlug(user.id);
  redirect(slug ? `/p/${slug}/settings/api-keys` : "/projects/new");
}
