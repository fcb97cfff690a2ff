import { Clapperboard, Coins, Plus, UsersRound } from "lucide-react";
import { PRICES } from "@/lib/credits/prices";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { EmptyState } from "@/components/studio/empty-state";
import { PageHeader } from "@/components/studio/page-header";
import { ProjectThumbnail } from "@/components/studio/project-thumbnail";
import { StatusBadge } from "@/components/studio/status-badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { getDb } from "@/db/client";
import { currentPrincipal } from "@/lib/auth/principal";
import { listCharacters } from "@/lib/characters/service";
import { getBalance } from "@/lib/credits/ledger";
import { formatDate } from "@/lib/format";
import { firstRunPath, loadFirstRunState } from "@/lib/onboarding/path";
import { listProjects } from "@/lib/projects/queries";
import { FirstRun } from "./first-run";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const p = await currentPrincipal();
  if (!p) redirect("/sign-in");
  const db = getDb();
  const [balance, projects, characters, firstRun] = await Promise.all([
    getBalance(db, p.workspaceId),
    listProjects(db, { workspaceId: p.workspaceId, limit: 6 }),
    listCharacters(db, { workspaceId: p.workspaceId, limit: 100 }),
    loadFirstRunState(db, p.workspaceId),
  ]);
  const path = firstRunPath(firstRun);

  return (
    <>
      <PageHeader
        title="Dashboard"
        description="Your characters, stories and videos at a glance."
        actions={
          <Button asChild>
            <Link href="/projects/new">
              <Plus className="size-4" /> New story
            </Link>
          </Button>
        }
      />
      <FirstRun path={path} offerSample={firstRun.stories === 0} />
      <div className="mb-8 grid gap-4 sm:grid-cols-3">
        <Stat
          icon={Coins}
          label="Credits"
          value={balance.toLocaleString("en-US")}
          hint={`${PRICES.storyCreditsPerSecond * 10} credits per 10-second scene · ${PRICES.timelineCreditsPerMinute} per minute rendered`}
        />
        <Stat
          icon={UsersRound}
          label="Characters"
          value={String(characters.length)}
          hint={
            <Link className="underline-offset-4 hover:underline" href="/characters">
              Manage characters
            </Link>
          }
        />
        <Stat
          icon={Clapperboard}
          label="Recent projects"
          value={String(projects.length)}
          hint={
            <Link className="underline-offset-4 hover:underline" href="/projects">
              All projects
            </Link>
          }
        />
      </div>

      <h2 className="mb-3 text-lg font-semibold">Recent projects</h2>
      {projects.length === 0 ? (
        <EmptyState
          icon={Clapperboard}
          title="No stories yet"
          action={
            <Button asChild variant="outline">
              <Link href={characters.length ? "/projects/new" : "/characters/new"}>
                {characters.length ? "Write your first story" : "Create your first character"}
              </Link>
            </Button>
          }
        >
          {characters.length
            ? "Turn an idea into scenes, review them, and get one finished video."
            : "Start with a character: a photo, a name and a persona. Then write a story for them."}
        </EmptyState>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {projects.map(({ project, characterName }) => (
            <Link key={project.id} href={`/projects/${project.id}`} className="group rounded-xl focus-visible:outline-2 focus-visible:outline-ring">
              <Card className="h-full overflow-hidden pt-0 transition-shadow group-hover:shadow-md">
                <div className="relative aspect-video bg-muted">
                  <ProjectThumbnail mediaId={project.thumbnailMediaId} />
                  <StatusBadge status={project.status} className="absolute top-2 left-2" />
                </div>
                <CardHeader>
                  <CardTitle className="line-clamp-2 text-base [overflow-wrap:anywhere]">{project.title}</CardTitle>
                  <CardDescription>
                    {characterName ?? "No character"} · {project.numScenes} scenes · {formatDate(project.createdAt)}
                  </CardDescription>
                </CardHeader>
                {project.status === "generating" ? (
                  <CardContent>
                    <Progress value={project.progress} aria-label="Generation progress" />
                  </CardContent>
                ) : null}
              </Card>
            </Link>
          ))}
        </div>
      )}
    </>
  );
}

function Stat({ icon: Icon, label, value, hint }: { icon: typeof Coins; label: string; value: string; hint: React.ReactNode }) {
  return (
    <Card className="gap-2">
      <CardHeader className="flex flex-row items-center justify-between">
        <CardDescription>{label}</CardDescription>
        <Icon className="size-4 text-muted-foreground" aria-hidden />
      </CardHeader>
      <CardContent>
        <p className="text-2xl font-semibold tabular-nums">{value}</p>
        <p className="text-xs text-muted-foreground">{hint}</p>
      </CardContent>
    </Card>
  );
}
