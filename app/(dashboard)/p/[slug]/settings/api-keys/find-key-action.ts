"use server";
import { z } from "zod";
import { projectAction } from "@/lib/auth/project-action";
import { identifyKey } from "@/lib/keys/identify";

// Any member may identify a pasted key, viewers included: the answer is a key id, and a viewer
// already sees every key's name, preview and page; whoever holds the secret holds more than that.
// It is audited all the same. The key travels in the action's POST body only, never in a URL.

// Any string: a paste of the wrong thing, however long (the action body is capped at 1 MB), gets the one "no match" answer.
const pastedKeySchema = z.object({ key: z.string() });

export const identifyKeyAction = projectAction(pastedKeySchema, "viewer", ({ key }, { project, audit }) => identifyKey(project.id, key, audit));
