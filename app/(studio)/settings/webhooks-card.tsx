import { Webhook } from "lucide-react";
import { EmptyState } from "@/components/studio/empty-state";
import { formatDate } from "@/lib/format";
import { SETTINGS_SECTIONS, SettingsSection } from "./settings-section";
import { WebhookEndpointItem, type EndpointView } from "./webhook-endpoint-item";
import { WebhookForm } from "./webhook-form";
import { WebhookSigningHelp } from "./webhook-signing-help";

/** Settings › Webhooks: register endpoints, see each one's delivery log, learn to verify signatures. */
export function WebhooksCard({ endpoints }: { endpoints: EndpointView[] }) {
  return (
    <SettingsSection
      section={SETTINGS_SECTIONS.webhooks}
      description="Get a signed POST when a project or video finishes or fails, instead of polling for it."
      className="grid gap-6"
    >
      <WebhookForm />
      {endpoints.length === 0 ? (
        <EmptyState icon={Webhook} title="No webhook endpoints yet">
          Add a URL above, then send it a test event to check your receiver and its signature check.
        </EmptyState>
      ) : (
        <ul aria-label="Webhook endpoints" className="divide-y rounded-lg border">
          {endpoints.map((e) => (
            <WebhookEndpointItem
              key={e.id}
              endpoint={e}
              dates={{ created: formatDate(e.created_at), lastDelivery: e.last_delivery_at ? formatDate(e.last_delivery_at) : null }}
            />
          ))}
        </ul>
      )}
      <WebhookSigningHelp />
    </SettingsSection>
  );
}
