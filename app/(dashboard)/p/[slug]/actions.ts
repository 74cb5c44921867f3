"use server";
import { z } from "zod";
import { projectAction } from "@/lib/auth/project-action";
import { rememberProject } from "@/lib/projects/service";

/**
 * Remembers the project as the one last opened, so signing in lands there (SPEC §6). Called when a
 * project's page is shown, not when its layout renders: a prefetch or a cached layout must not move it.
 */
export const rememberProjectAction = projectAction(z.object({}), "viewer", async (_input, { project, user }) => {
  await rememberProject(user.id, project.id);
  return null;
});
