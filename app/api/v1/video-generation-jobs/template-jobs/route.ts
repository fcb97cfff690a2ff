import { getDb } from "@/db/client";
import { templateJobIn } from "@/lib/api/colossyan";
import { readJson, route } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { createJobFromTemplate } from "@/lib/videos/service";

export const POST = route(async (req) => {
  const p = await requirePrincipal(req);
  const input = templateJobIn.parse(await readJson(req));
  const job = await createJobFromTemplate(getDb(), p, {
    templateJobId: input.templateJobId,
    dynamicVariables: input.dynamicVariables,
    callbackUrl: input.callbackUrl ?? input.callback,
    callbackPayload: input.callbackPayload,
  });
  return Response.json({ id: job.id, videoId: job.videoId });
});
