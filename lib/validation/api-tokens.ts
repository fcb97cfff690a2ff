import { z } from "zod";
import { text } from "./text";

export const apiTokenInput = z.object({
  name: text({ label: "name", max: 60, min: 1, required: "name is required", tooShort: "name is required" }),
});
export type ApiTokenInput = z.infer<typeof apiTokenInput>;
