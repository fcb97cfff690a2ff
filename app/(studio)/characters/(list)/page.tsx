import { Plus, UsersRound } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { EmptyState } from "@/components/studio/empty-state";
import { PageHeader } from "@/components/studio/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { currentPrincipal } from "@/lib/auth/principal";
import { listCharacters } from "@/lib/characters/service";
import { signedMediaPath } from "@/lib/storage/media";

export const metadata: Metadata = { title: "Characters" };

export default async function CharactersPage() {
  const p = await currentPrincipal();
  if (!p) redirect("/sign-in");
  const rows = await listCharacters(getDb(), { workspaceId: p.workspaceId });
  const newButton = (
    <Button asChild>
      <Link href="/characters/new">
        <Plus className="size-4" /> New character
      </Link>
    </Button>
  );
  return (
    <>
      <PageHeader
        title="Characters"
        description="The people who star in your videos: a photo, a voice and a persona."
        actions={rows.length ? newButton : undefined}
      />
      {rows.length === 0 ? (
        <EmptyState icon={UsersRound} title="No characters yet" action={newButton}>
          A character is the face and voice of your stories. Add a photo and describe who they are.
        </EmptyState>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {rows.map((c) => (
            <li key={c.id}>
              <Link href={`/characters/${c.id}`} className="group block rounded-xl focus-visible:outline-2 focus-visible:outline-ring">
                <Card className="h-full flex-row items-center gap-4 px-4 transition-shadow group-hover:shadow-md">
                  <div className="size-16 shrink-0 overflow-hidden rounded-full bg-muted">
                    {c.photoMediaId ? (
                      // eslint-disable-next-line @next/next/no-img-element
                      <img src={signedMediaPath(c.photoMediaId)} alt="" className="size-full object-cover" />
                    ) : (
                      <div className="flex size-full items-center justify-center text-lg font-semibold text-muted-foreground">{c.name.slice(0, 1)}</div>
                    )}
                  </div>
                  <CardHeader className="min-w-0 flex-1 px-0">
                    <CardTitle className="truncate">{c.name}</CardTitle>
                    <CardDescription className="line-clamp-2">{c.description || "No description"}</CardDescription>
                    {c.styleTags.length ? (
                      <div className="flex flex-wrap gap-1 pt-1">
                        {c.styleTags.slice(0, 3).map((t) => (
                          <Badge key={t} variant="outline">
                            {t}
                          </Badge>
                        ))}
                      </div>
                    ) : null}
                  </CardHeader>
                </Card>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
