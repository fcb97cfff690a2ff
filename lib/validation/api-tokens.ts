import { z } from "zod";

export const apiTokenInput = z.object({
  name: z.string({ error: "name is required" }).trim().min(1, "name is required").max(60, "name must be at most 60 characters"),
});
export type ApiTokenInput = z.infer<typeof apiTokenInput>;
