import { eq } from "drizzle-orm";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { currentPrincipal } from "@/lib/auth/principal";
import { getBalance } from "@/lib/credits/ledger";
import { isAppError } from "@/lib/errors";
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
  const [character] = project.characterId ? await db.select({ name: characters.name }).from(characters).where(eq(characters.id, project.characterId)) : [];
  const balance = await getBalance(db, p.workspaceId);
  return <ProjectStudio initial={toProjectView(project, character?.name)} balance={balance} />;
}
