"use client";

import { ConfirmButton } from "@/components/studio/confirm-button";
import type { SocialPlatform } from "@/db/schema/social";
import { disconnectSocialAction } from "./actions";

export function DisconnectSocialButton({ platform, name, handle }: { platform: SocialPlatform; name: string; handle: string }) {
  return (
    <ConfirmButton
      trigger="Disconnect"
      triggerLabel={`Disconnect ${name} ${handle}`}
      title={`Disconnect ${name}?`}
      description={`Cinetwin forgets ${handle}'s authorization. Scheduled posts to it will fail until you connect it again; what is already published stays on ${name}.`}
      confirmLabel="Disconnect"
      success={`${name} disconnected`}
      action={() => disconnectSocialAction({ platform })}
    />
  );
}
