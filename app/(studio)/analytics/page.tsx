import { ChartLine } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { EmptyState } from "@/components/studio/empty-state";
import { PageHeader } from "@/components/studio/page-header";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { currentPrincipal } from "@/lib/auth/principal";
import { isAppError } from "@/lib/errors";
import { dayOf, hasAnalyticsSources } from "@/lib/social/analytics";
import { analyticsSeries, analyticsSummary, postAnalytics, rangeLength, type PostAnalytics } from "@/lib/social/analytics-report";
import { latestTask, subjects } from "@/lib/tasks/service";
import { ExportCsv } from "./export-csv";
import { Filters } from "./filters";
import { PlatformChart } from "./platform-chart";
import { PostDetail } from "./post-detail";
import { SummaryCards } from "./summary-cards";
import { SyncNow } from "./sync-now";
import { TopPosts } from "./top-posts";
import { platformLabels, viewOf } from "./view";

export const metadata: Metadata = { title: "Analytics" };

const periodText = (from: string, to: string) => {
  const f = (d: string) => new Date(`${d}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
  return `${f(from)} – ${f(to)}`;
};

async function postOrNull(workspaceId: string, targetId: string | null, range: { from: string; to: string }): Promise<PostAnalytics | null> {
  if (!targetId) return null;
  return postAnalytics(getDb(), workspaceId, targetId, range).catch((e: unknown) => {
    if (isAppError(e) && e.code === "not_found") return null;
    throw e;
  });
}

export default async function AnalyticsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const p = await currentPrincipal();
  if (!p) redirect("/sign-in");
  const db = getDb();
  const view = viewOf(await searchParams);
  const [hasSources, lastSync] = await Promise.all([hasAnalyticsSources(db, p.workspaceId), latestTask(db, subjects.analyticsSync(p.workspaceId))]);
  const header = (actions?: React.ReactNode) => (
    <PageHeader title="Analytics" description="How your posts do on each platform and on your channel. Numbers sync every 6 hours." actions={actions} />
  );
  if (!hasSources) {
    return (
      <>
        {header()}
        <EmptyState
          icon={ChartLine}
          title="No numbers yet"
          action={
            <Button asChild>
              <Link href="/videos">Go to your videos</Link>
            </Button>
          }
        >
          Numbers start when you publish. Post a video to your channel, whose public page counts every viewer, or connect a social account; views, likes,
          comments, shares and new followers then show up here after the next sync.
        </EmptyState>
      </>
    );
  }
  const filter = { range: view.range, platform: view.platform };
  const [summary, series, post] = await Promise.all([
    analyticsSummary(db, p.workspaceId, filter),
    analyticsSeries(db, p.workspaceId, filter),
    postOrNull(p.workspaceId, view.post, view.range),
  ]);
  const open = lastSync && (lastSync.status === "queued" || lastSync.status === "running") ? lastSync.id : null;
  const lastSyncedAt = lastSync?.status === "succeeded" ? (lastSync.finishedAt?.toISOString() ?? null) : null;
  const days = rangeLength(view.range);

  return (
    <>
      {header(
        <div className="flex w-full flex-wrap items-start gap-2 sm:w-auto">
          <ExportCsv range={view.range} platform={view.platform} />
          <SyncNow key={open ?? "idle"} openTaskId={open} lastSyncedAt={lastSyncedAt} />
        </div>,
      )}
      <div className="grid min-w-0 gap-6">
        <Filters view={view} today={dayOf(new Date())} />
        {view.rangeProblem ? (
          <Alert variant="destructive">
            <AlertDescription>{view.rangeProblem}: showing the last 30 days.</AlertDescription>
          </Alert>
        ) : null}
        <SummaryCards summary={summary} days={days} />
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle role="heading" aria-level={2}>
              Daily {view.platform ? `on ${platformLabels[view.platform]}` : "per platform"}
            </CardTitle>
            <CardDescription>{periodText(view.range.from, view.range.to)} (UTC days)</CardDescription>
          </CardHeader>
          <CardContent className="min-w-0">
            <PlatformChart rows={series} />
          </CardContent>
        </Card>
        {post ? <PostDetail data={post} view={view} /> : null}
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle role="heading" aria-level={2}>
              Top posts
            </CardTitle>
            <CardDescription>By views in this period; open one for its daily numbers.</CardDescription>
          </CardHeader>
          <CardContent className="min-w-0">
            <TopPosts posts={summary.topPosts} view={view} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
