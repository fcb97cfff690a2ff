import { StatusBadge } from "@/components/studio/status-badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { DeliveryView } from "@/lib/hooks/use-webhook-deliveries";

/** Seconds matter in a delivery log: retries and test events land a few seconds apart. */
function formatTime(iso: string): string {
  return new Date(iso).toLocaleString("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", second: "2-digit" });
}

/** A pending delivery that already made an attempt is waiting for its next retry. */
function statusOf(d: DeliveryView): string {
  return d.status === "pending" && d.attempts > 0 ? "retrying" : d.status;
}

const target = (d: DeliveryView) => (d.endpoint_id ? d.url : "callback");

/**
 * A delivery log, newest first. At phone width the target, time, attempts and response code
 * fold into the event and status cells instead of forcing the table to scroll sideways.
 */
export function DeliveryTable({ deliveries, label, showTarget = false }: { deliveries: DeliveryView[]; label: string; showTarget?: boolean }) {
  return (
    <Table aria-label={label} className="text-xs sm:text-sm">
      <TableHeader>
        <TableRow>
          <TableHead>Event</TableHead>
          {showTarget ? <TableHead className="hidden md:table-cell">Sent to</TableHead> : null}
          <TableHead>Status</TableHead>
          <TableHead className="hidden text-right sm:table-cell">Attempts</TableHead>
          <TableHead className="hidden text-right sm:table-cell">Response</TableHead>
          <TableHead className="hidden sm:table-cell">Time</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {deliveries.map((d) => (
          <TableRow key={d.id} data-testid="delivery-row" data-status={d.status}>
            <TableCell className="align-top">
              <code className="font-mono">{d.event}</code>
              {showTarget ? (
                <span className="block max-w-36 truncate text-muted-foreground md:hidden" title={d.url}>
                  {target(d)}
                </span>
              ) : null}
              <time dateTime={d.created_at} className="block text-muted-foreground sm:hidden">
                {formatTime(d.created_at)}
              </time>
            </TableCell>
            {showTarget ? (
              <TableCell className="hidden max-w-64 truncate align-top md:table-cell" title={d.url}>
                {d.endpoint_id ? <span className="font-mono">{d.url}</span> : <span className="text-muted-foreground">callback</span>}
              </TableCell>
            ) : null}
            <TableCell className="align-top">
              <StatusBadge status={statusOf(d)} />
              <span className="block pt-0.5 text-muted-foreground sm:hidden">
                {d.attempts} {d.attempts === 1 ? "attempt" : "attempts"}
              </span>
              {d.last_status_code != null ? <span className="block text-muted-foreground sm:hidden">HTTP {d.last_status_code}</span> : null}
              {d.last_error ? (
                <span className="block max-w-28 truncate text-muted-foreground sm:hidden" title={d.last_error}>
                  {d.last_error}
                </span>
              ) : null}
            </TableCell>
            <TableCell className="hidden text-right align-top tabular-nums sm:table-cell">{d.attempts}</TableCell>
            <TableCell className="hidden text-right align-top sm:table-cell">
              <span className="font-mono tabular-nums" data-testid="delivery-code">
                {d.last_status_code ?? "—"}
              </span>
              {d.last_error ? (
                <span className="ml-auto block max-w-48 truncate text-muted-foreground" title={d.last_error}>
                  {d.last_error}
                </span>
              ) : null}
            </TableCell>
            <TableCell className="hidden align-top text-muted-foreground sm:table-cell">
              <time dateTime={d.created_at}>{formatTime(d.created_at)}</time>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
