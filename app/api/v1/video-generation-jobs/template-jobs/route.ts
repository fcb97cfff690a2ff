import { getDb } from "@/db/client";
import { route } from "@/lib/api/colossyan/errors";
import { jobCreatedOut } from "@/lib/api/colossyan/mappers";
import { templateJobIn } from "@/lib/api/colossyan/schemas";
import { otherMethods } from "@/lib/api/methods";
import { readJson } from "@/lib/api/route";
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
  return Response.json(jobCreatedOut(job));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
