import { getDb } from "@/db/client";
import { route } from "@/lib/api/colossyan/errors";
import { jobCreatedOut, jobOut } from "@/lib/api/colossyan/mappers";
import { videoJobIn } from "@/lib/api/colossyan/schemas";
import { otherMethods } from "@/lib/api/methods";
import { pageIn, readJson } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { createVideoJob, listVideoJobs } from "@/lib/videos/service";

export const POST = route(async (req) => {
  const p = await requirePrincipal(req);
  const input = videoJobIn.parse(await readJson(req));
  const job = await createVideoJob(getDb(), p, {
    videoCreative: input.videoCreative,
    dynamicVariables: input.dynamicVariables,
    callbackUrl: input.callback ?? input.callbackUrl,
    callbackPayload: input.callbackPayload,
    draft: input.draft,
  });
  return Response.json(jobCreatedOut(job));
});

export const GET = route(async (req) => {
  const p = await requirePrincipal(req);
  const page = pageIn.parse(Object.fromEntries(new URL(req.url).searchParams));
  const jobs = await listVideoJobs(getDb(), { workspaceId: p.workspaceId, ...page });
  return Response.json(jobs.map(jobOut));
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
