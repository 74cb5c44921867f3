import { z } from "zod";
import { idField, nameField, slugField } from "@/lib/validation";

export const createChannelSchema = z.object({ name: nameField("Name", 100), slug: slugField });
export const renameChannelSchema = z.object({ id: idField, name: nameField("Name", 100) });
export const channelIdSchema = z.object({ id: idField });
/** The dashboard's Rename form: the name, and the version the form was opened at (SPEC §6). */
export const channelEditSchema = renameChannelSchema.extend({ version: z.coerce.number().int().min(0) });
