import { Webhook } from "lucide-react";
import { EmptyState } from "@/components/studio/empty-state";
import { SECTION_SCROLL_MARGIN } from "@/components/studio/section-nav";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDate } from "@/lib/format";
import { WebhookEndpointItem, type EndpointView } from "./webhook-endpoint-item";
import { WebhookForm } from "./webhook-form";
import { WebhookSigningHelp } from "./webhook-signing-help";

/** Settings › Webhooks: register endpoints, see each one's delivery log, learn to verify signatures. */
export function WebhooksCard({ endpoints }: { endpoints: EndpointView[] }) {
  return (
    <Card id="webhooks" role="region" aria-labelledby="webhooks-title" className={SECTION_SCROLL_MARGIN}>
      <CardHeader>
        <CardTitle id="webhooks-title" role="heading" aria-level={2}>
          Webhooks
        </CardTitle>
        <CardDescription>Get a signed POST when a project or video finishes or fails, instead of polling for it.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
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
      </CardContent>
    </Card>
  );
}
