"use server";
import { z } from "zod";
import { userAction } from "@/lib/auth/project-action";
import { confirmIdentity, confirmIdentitySchema, identityMethod } from "@/lib/auth/confirm-identity";

// "Confirm it's you" (sudo mode, SPEC §13): which secret to ask for, and checking it.

export const identityMethodAction = userAction(z.object({}), async (_input, { user }) => identityMethod(user.id));

export const confirmIdentityAction = userAction(confirmIdentitySchema, async (input, { user, audit }) => confirmIdentity(user, input, audit.meta));
