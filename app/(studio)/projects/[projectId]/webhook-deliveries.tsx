"use client";

import { hashKey, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect } from "react";
import { DeliveryLog } from "@/components/webhooks/delivery-log";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { projectKeys } from "@/lib/hooks/use-project";
import { useProjectDeliveries, webhookDeliveryKeys } from "@/lib/hooks/use-webhook-deliveries";
import type { ProjectView } from "@/lib/projects/view";

/**
 * The webhook and callback deliveries about one project (subject `project:<id>`), newest first.
 * Self-contained: it fetches its own data from /api/projects/{id}/deliveries and polls while a
 * delivery is pending.
 */
export function WebhookDeliveries({ projectId }: { projectId: number }) {
  const queryClient = useQueryClient();
  const deliveries = useProjectDeliveries(projectId);
  // Events are recorded when the project settles. When the page already polls the project
  // (useProject), follow its status in the shared cache and reload the log when it changes.
  // A cache subscription, not a useQuery observer: it must neither fetch nor create the
  // project's cache entry (that would drop the initial data the studio seeds it with).
  useEffect(() => {
    const hash = hashKey(projectKeys.detail(projectId));
    let last = queryClient.getQueryData<ProjectView>(projectKeys.detail(projectId))?.status;
    return queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== "updated" || event.query.queryHash !== hash) return;
      const next = (event.query.state.data as ProjectView | undefined)?.status;
      if (!next || next === last) return;
      last = next;
      void queryClient.invalidateQueries({ queryKey: webhookDeliveryKeys.project(projectId) });
    });
  }, [projectId, queryClient]);

  return (
    <Card role="region" aria-labelledby={`project-${projectId}-deliveries`} className="gap-4">
      <CardHeader>
        <CardTitle id={`project-${projectId}-deliveries`} role="heading" aria-level={2} className="text-base">
          Webhook deliveries
        </CardTitle>
        <CardDescription>Signed notifications sent about this project to your endpoints and callback URLs.</CardDescription>
      </CardHeader>
      <CardContent>
        <DeliveryLog
          query={deliveries}
          label="Webhook deliveries for this project"
          showTarget
          empty={
            <>
              Nothing sent yet. When this project completes or fails, an event goes to the endpoints set up in{" "}
              <Link href="/settings#webhooks" className="text-primary underline-offset-4 hover:underline">
                Settings › Webhooks
              </Link>
              .
            </>
          }
        />
      </CardContent>
    </Card>
  );
}
