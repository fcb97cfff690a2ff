import { CalendarDays } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { EmptyState } from "@/components/studio/empty-state";
import { PageHeader } from "@/components/studio/page-header";
import { Button } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { currentPrincipal } from "@/lib/auth/principal";
import { accountChoices, platformInfo, videoChoices } from "@/lib/calendar/view";
import { listCharacters } from "@/lib/characters/service";
import { CalendarView } from "./calendar-view";

export const metadata: Metadata = { title: "Calendar" };

export default async function CalendarPage() {
  const p = await currentPrincipal();
  if (!p) redirect("/sign-in");
  const db = getDb();
  const [characters, accounts, videos] = await Promise.all([
    listCharacters(db, { workspaceId: p.workspaceId, limit: 200 }),
    accountChoices(db, p.workspaceId),
    videoChoices(db, p.workspaceId),
  ]);
  return (
    <>
      <PageHeader title="Calendar" description="Schedule finished videos to your channel and connected accounts; drag a post to move it." />
      {characters.length === 0 ? (
        <EmptyState
          icon={CalendarDays}
          title="Create a character first"
          action={
            <Button asChild>
              <Link href="/characters/new">New character</Link>
            </Button>
          }
        >
          Every post goes out as one of your characters, with their hashtags on each platform. Add one, make a video with them, then plan it here.
        </EmptyState>
      ) : (
        <CalendarView
          characters={characters.map((c) => ({ id: c.id, name: c.name, platformDefaults: c.platformDefaults }))}
          accounts={accounts}
          videos={videos}
          platforms={platformInfo()}
        />
      )}
    </>
  );
}
