import { requireApiKey } from "@/lib/api/holoworld/auth";
import { route } from "@/lib/api/holoworld/errors";
import { backgroundsOut } from "@/lib/api/holoworld/mappers";
import { otherMethods } from "@/lib/api/methods";
import { listStudioBackgrounds } from "@/lib/studio-render/service";

export const GET = route(async (req) => {
  await requireApiKey(req);
  return Response.json(backgroundsOut(listStudioBackgrounds()));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
