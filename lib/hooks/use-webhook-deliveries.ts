"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import type { deliveryOut } from "@/lib/api/studio/webhooks";
import { fetchJson } from "./fetch-json";

/** One row of a delivery log, as GET /api/v1/webhooks/{id}/deliveries and /api/projects/{id}/deliveries return it. */
export type DeliveryView = ReturnType<typeof deliveryOut>;

export const webhookDeliveryKeys = {
  all: ["webhook-deliveries"] as const,
  endpoint: (endpointId: string) => ["webhook-deliveries", "endpoint", endpointId] as const,
  project: (projectId: number) => ["webhook-deliveries", "project", projectId] as const,
};

/** Not settled yet: a retry may still change the row, so the log keeps polling. */
export const isDeliveryActive = (d: DeliveryView) => d.status === "pending" || d.status === "delivering";

const POLL_MS = 2000;

const fetchDeliveries = (url: string) => fetchJson<DeliveryView[]>(url, "deliveries");

function deliveriesQuery(queryKey: readonly unknown[], url: string) {
  return queryOptions({
    queryKey,
    queryFn: () => fetchDeliveries(url),
    retry: false,
    refetchInterval: (q) => (q.state.status !== "error" && q.state.data?.some(isDeliveryActive) ? POLL_MS : false),
  });
}

/** An endpoint's log (the v1 route accepts the session); polls while any delivery is unsettled. */
export function endpointDeliveriesQuery(endpointId: string, limit = 20) {
  return deliveriesQuery(webhookDeliveryKeys.endpoint(endpointId), `/api/v1/webhooks/${encodeURIComponent(endpointId)}/deliveries?limit=${limit}`);
}

/** A project's deliveries (subject `project:<id>`), endpoint and callback alike. */
export function projectDeliveriesQuery(projectId: number) {
  return deliveriesQuery(webhookDeliveryKeys.project(projectId), `/api/projects/${projectId}/deliveries`);
}

export function useEndpointDeliveries(endpointId: string) {
  return useQuery(endpointDeliveriesQuery(endpointId));
}

export function useProjectDeliveries(projectId: number) {
  return useQuery(projectDeliveriesQuery(projectId));
}
