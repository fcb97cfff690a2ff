"use server";

import { z } from "zod";
import { authedAction } from "@/lib/actions/client";
import { paintIntoLibrary } from "@/lib/library/paint";
import { text } from "@/lib/validation/text";

/** The Studio's frames: the sizes the guide asks backgrounds to have. */
const FRAME = { "1/1": { width: 1200, height: 1200 }, "9/16": { width: 1080, height: 1920 } } as const;

/** Paints a background from a short prompt at the video's frame size and keeps it in the library. */
export const paintBackgroundAction = authedAction(
  z.object({
    prompt: text({ label: "The description", max: 300, min: 3, tooShort: "Describe the background in a few words" }),
    aspectRatio: z.enum(["1/1", "9/16"], { error: "Choose 1:1 or 9:16" }),
  }),
  async ({ prompt, aspectRatio }, { principal, db }) => paintIntoLibrary(db, principal.workspaceId, { prompt, ...FRAME[aspectRatio] }),
);

// TEMPORARY until the holoworld branch's service lands.
export const renderStudioAction = authedAction(z.object({}).passthrough(), async () => {
  throw new Error("not yet");
  return { id: "", taskId: "", videoId: "" };
});
