"use server";
import { userAction } from "@/lib/auth/project-action";
import { createProjectSchema } from "@/lib/projects/schemas";
import { createProject } from "@/lib/projects/service";

export const createProjectAction = userAction(createProjectSchema, async (input, { user, audit }) => {
  const project = await createProject(user.id, input.name, audit);
  return { slug: project.slug };
});
