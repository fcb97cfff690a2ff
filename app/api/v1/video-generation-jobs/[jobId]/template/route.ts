import { getDb } from "@/db/client";
import { route } from "@/lib/api/colossyan/errors";
import { templateSavedOut } from "@/lib/api/colossyan/mappers";
import { saveTemplateIn } from "@/lib/api/colossyan/schemas";
import { otherMethods } from "@/lib/api/methods";
import { readJson } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { saveJobAsTemplate } from "@/lib/videos/service";

/** "Save job as a template": the id it returns is the templateJobId of /template-jobs. */
export const POST = route<{ jobId: string }>(async (req, { jobId }) => {
  const p = await requirePrincipal(req);
  const input = saveTemplateIn.parse(await readJson(req));
  const t = await saveJobAsTemplate(getDb(), p, { jobId, name: input.name });
  return Response.json(templateSavedOut(t), { status: 201 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
