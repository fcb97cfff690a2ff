import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { currentPrincipal } from "@/lib/auth/principal";
import { characterName } from "@/lib/characters/service";
import { getBalance } from "@/lib/credits/ledger";
import { isAppError } from "@/lib/errors";
import { listLibrary } from "@/lib/library/service";
import { getProject } from "@/lib/projects/queries";
import { toProjectView } from "@/lib/projects/view";
import { ProjectStudio } from "./project-studio";

export const metadata: Metadata = { title: "Project" };

export default async function ProjectPage({ params }: { params: Promise<{ projectId: string }> }) {
  const p = await currentPrincipal();
  if (!p) redirect("/sign-in");
  const { projectId } = await params;
  if (!/^\d{1,9}$/.test(projectId)) notFound();
  const db = getDb();
  const project = await getProject(db, { projectId: Number(projectId), workspaceId: p.workspaceId }).catch((e) => {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  });

  const [balance, sounds] = await Promise.all([getBalance(db, p.workspaceId), listLibrary(db, p.workspaceId, "audio")]);
  return (
    <ProjectStudio
      initial={toProjectView(project, await characterName(db, project))}
      balance={balance}
      sounds={sounds.map((s) => ({ id: s.id, name: s.name, url: s.url }))}
    />
  );
}
