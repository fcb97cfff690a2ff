import { z } from "zod";
import { channelEventKinds } from "@/db/schema/social";

/** What the channel's video page reports: the page was viewed, playback started, playback (nearly) ended. */
export const channelEventInput = z.object({
  kind: z.enum(channelEventKinds, { error: `kind must be one of ${channelEventKinds.join(", ")}` }),
});
export type ChannelEventInput = z.infer<typeof channelEventInput>;
