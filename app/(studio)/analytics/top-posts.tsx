import { ExternalLink } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { TopPost } from "@/lib/social/analytics-report";
import { platformLabels, searchOf, type AnalyticsView } from "./view";

const num = (n: number) => n.toLocaleString("en-US");
export const publishedOn = (d: Date | null) => (d ? d.toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" }) : "—");

/** The posts with the most views in the window; a title opens the post's own daily numbers. */
export function TopPosts({ posts, view }: { posts: TopPost[]; view: AnalyticsView }) {
  if (!posts.length) return <p className="py-6 text-center text-sm text-muted-foreground">No post had views in this period.</p>;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Post</TableHead>
          <TableHead className="hidden sm:table-cell">Platform</TableHead>
          <TableHead className="hidden md:table-cell">Published</TableHead>
          <TableHead className="text-right">Views</TableHead>
          <TableHead className="text-right">Likes</TableHead>
          <TableHead className="hidden text-right sm:table-cell">Comments</TableHead>
          <TableHead className="hidden text-right sm:table-cell">Shares</TableHead>
          <TableHead className="w-10">
            <span className="sr-only">Link</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {posts.map((p) => (
          <TableRow key={p.targetId} data-selected={view.post === p.targetId || undefined} className="data-[selected]:bg-primary/5">
            <TableCell className="w-full max-w-0">
              <Link href={`/analytics${searchOf(view, { post: p.targetId })}#post`} className="block truncate font-medium hover:underline" title={p.title}>
                {p.title}
              </Link>
              <span className="block truncate text-xs text-muted-foreground sm:hidden">
                {platformLabels[p.platform]} · {publishedOn(p.publishedAt)}
              </span>
              <span className="hidden truncate text-xs text-muted-foreground sm:block">{p.characterName}</span>
            </TableCell>
            <TableCell className="hidden sm:table-cell">
              <Badge variant="secondary">{platformLabels[p.platform]}</Badge>
            </TableCell>
            <TableCell className="hidden text-muted-foreground md:table-cell">{publishedOn(p.publishedAt)}</TableCell>
            <TableCell className="text-right tabular-nums">{num(p.views)}</TableCell>
            <TableCell className="text-right tabular-nums">{num(p.likes)}</TableCell>
            <TableCell className="hidden text-right tabular-nums sm:table-cell">{num(p.comments)}</TableCell>
            <TableCell className="hidden text-right tabular-nums sm:table-cell">{num(p.shares)}</TableCell>
            <TableCell>
              {p.url ? (
                <a
                  href={p.url}
                  target="_blank"
                  rel="noreferrer"
                  className="text-muted-foreground hover:text-foreground"
                  aria-label={`Open "${p.title}" on ${platformLabels[p.platform]}`}
                >
                  <ExternalLink className="size-4" aria-hidden />
                </a>
              ) : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
