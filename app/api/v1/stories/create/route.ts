import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { readJson } from "@/lib/api/route";
import { route } from "@/lib/api/twin-actor/errors";
import { projectOut } from "@/lib/api/twin-actor/mappers";
import { storyIn } from "@/lib/api/twin-actor/schemas";
import { requirePrincipal } from "@/lib/auth/principal";
import { createStoryProject } from "@/lib/projects/service";

export const POST = route(async (req) => {
  const p = await requirePrincipal(req);
  const input = storyIn.parse(await readJson(req));
  const project = await createStoryProject(getDb(), p, {
    characterId: input.person_id,
    storyIdea: input.story_idea,
    numScenes: input.num_scenes,
    useAvatarFirstScene: input.use_avatar_first_scene,
    useAvatarLastScene: input.use_avatar_last_scene,
  });
  return Response.json(projectOut(req, project, p.userId), { status: 201 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
