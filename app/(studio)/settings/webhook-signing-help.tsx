import { BookOpen } from "lucide-react";
import Link from "next/link";

const headers: [string, string][] = [
  ["Cinetwin-Event", "the event name, e.g. project.completed"],
  ["Cinetwin-Delivery", "the delivery id, the same on every retry: dedupe on it"],
  ["Cinetwin-Timestamp", "Unix seconds when this attempt was signed"],
  ["Cinetwin-Signature", "v1=<hex HMAC-SHA256 of “timestamp.raw body”, keyed with the endpoint’s secret>"],
];

/** The short version of README "Callbacks and webhooks" and lib/webhooks/sign.ts, next to the form. */
export function WebhookSigningHelp() {
  return (
    <section aria-labelledby="webhook-signing-title" className="grid gap-3 rounded-lg border bg-muted/40 p-3 text-sm sm:p-4">
      <h3 id="webhook-signing-title" className="font-medium">
        Verifying deliveries
      </h3>
      <div className="grid gap-3">
        <p className="text-muted-foreground">Every delivery is a JSON POST with these headers:</p>
        <dl className="grid gap-2 sm:grid-cols-[max-content_1fr] sm:gap-x-4">
          {headers.map(([name, what]) => (
            <div key={name} className="contents">
              <dt>
                <code className="font-mono text-xs">{name}</code>
              </dt>
              <dd className="-mt-1.5 text-muted-foreground sm:mt-0">{what}</dd>
            </div>
          ))}
        </dl>
        <p className="text-muted-foreground">
          Recompute the HMAC over the raw body exactly as received, compare it in constant time, and reject timestamps more than five minutes old. Answer with
          any 2xx within 10 seconds; anything else is retried with exponential backoff, 7 attempts in all.
        </p>
        <Link href="/docs#webhooks" className="flex w-fit items-center gap-1.5 text-primary underline-offset-4 hover:underline">
          <BookOpen className="size-4" aria-hidden /> Webhooks in the API reference
        </Link>
      </div>
    </section>
  );
}
