import { z } from "zod";
import { getDb } from "@/db/client";
import { readJson, route } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { saveJobAsTemplate } from "@/lib/videos/service";

const body = z.object({ name: z.string().trim().min(1).max(120).optional() });

/** "Save job as a template": the id it returns is the templateJobId of /template-jobs. */
export const POST = route<{ jobId: string }>(async (req, { jobId }) => {
  const p = await requirePrincipal(req);
  const input = body.parse(await readJson(req));
  const t = await saveJobAsTemplate(getDb(), p, { jobId, name: input.name });
  return Response.json({ id: t.id, name: t.name, createdAt: t.createdAt.toISOString() }, { status: 201 });
});
