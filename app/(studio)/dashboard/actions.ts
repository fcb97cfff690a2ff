"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/client";
import { startSampleStory } from "@/lib/onboarding/sample";

/** "Try a sample story": the sample character (made once) and a proposed story; the client opens its storyboard. */
export const startSampleStoryAction = authedAction(z.object({}), async (_input, { principal, db }) => {
  const project = await startSampleStory(db, principal);
  revalidatePath("/dashboard");
  return { projectId: project.id };
});
