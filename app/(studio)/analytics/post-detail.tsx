import { ExternalLink, X } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { PostAnalytics } from "@/lib/social/analytics-report";
import { PostChart } from "./post-chart";
import { publishedOn } from "./top-posts";
import { platformLabels, searchOf, type AnalyticsView } from "./view";

const TOTALS = [
  ["views", "Views"],
  ["likes", "Likes"],
  ["comments", "Comments"],
  ["shares", "Shares"],
] as const;

/** One post's own numbers over the page's window. */
export function PostDetail({ data, view }: { data: PostAnalytics; view: AnalyticsView }) {
  const { post } = data;
  return (
    <Card id="post" role="region" className="min-w-0 scroll-mt-20" aria-label={`Post: ${post.title}`}>
      <CardHeader className="grid-cols-[minmax(0,1fr)_auto]">
        <div className="min-w-0 space-y-1.5">
          <CardTitle role="heading" aria-level={2} className="truncate leading-snug" title={post.title}>
            {post.title}
          </CardTitle>
          <CardDescription className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <Badge variant="secondary">{platformLabels[post.platform]}</Badge>
            <span>
              {post.characterName} · published {publishedOn(post.publishedAt)}
            </span>
            {post.url ? (
              <a href={post.url} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 hover:text-foreground">
                Open <ExternalLink className="size-3.5" aria-hidden />
              </a>
            ) : null}
          </CardDescription>
        </div>
        <Button asChild variant="ghost" size="icon" aria-label="Close the post">
          <Link href={`/analytics${searchOf(view)}`} scroll={false}>
            <X className="size-4" aria-hidden />
          </Link>
        </Button>
      </CardHeader>
      <CardContent className="grid min-w-0 gap-4">
        <dl className="grid grid-cols-4 gap-2 text-center">
          {TOTALS.map(([key, label]) => (
            <div key={key} className="rounded-lg bg-muted/50 px-1 py-2">
              <dt className="text-xs text-muted-foreground">{label}</dt>
              <dd className="font-semibold tabular-nums">{data.totals[key].toLocaleString("en-US")}</dd>
            </div>
          ))}
        </dl>
        <PostChart series={data.series} />
      </CardContent>
    </Card>
  );
}
