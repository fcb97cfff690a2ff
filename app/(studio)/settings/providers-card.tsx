import { getDb } from "@/db/client";
import { listProviderSettings } from "@/lib/providers/settings-store";
import { capabilityNames } from "@/lib/validation/provider-settings";
import { ProviderRow } from "./provider-row";
import { SETTINGS_SECTIONS, SettingsSection } from "./settings-section";

/** Settings > Providers: which AI provider makes each part of a video, and which run offline. */
export async function ProvidersCard({ workspaceId }: { workspaceId: string }) {
  const settings = await listProviderSettings(getDb(), workspaceId);
  const offline = settings.filter((s) => s.effectiveId === "local").map((s) => capabilityNames[s.capability]);
  return (
    <SettingsSection
      section={SETTINGS_SECTIONS.providers}
      description={
        <>
          Which AI service makes each part of your videos. Keys are stored encrypted and never shown again.{" "}
          <span data-testid="offline-summary">{offline.length ? `Offline now: ${offline.join(", ")}.` : "Nothing runs offline."}</span>
        </>
      }
    >
      <ul aria-label="Providers" className="divide-y rounded-lg border">
        {/* Only what the view allows: the sealed key never leaves the server, the last 4 characters do. */}
        {settings.map((s) => (
          <ProviderRow key={s.capability} setting={s} />
        ))}
      </ul>
    </SettingsSection>
  );
}
