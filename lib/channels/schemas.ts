import { z } from "zod";
import { idField, nameField, slugField } from "@/lib/validation";

export const createChannelSchema = z.object({ name: nameField("Name", 100), slug: slugField });
export const renameChannelSchema = z.object({ id: idField, name: nameField("Name", 100) });
export const channelIdSchema = z.object({ id: idField });
