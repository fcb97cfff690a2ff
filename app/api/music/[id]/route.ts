import fs from "node:fs/promises";
import { otherMethods } from "@/lib/api/methods";
import { route } from "@/lib/api/route";
import { BUILTIN_MUSIC, builtinMusicPath } from "@/lib/media/music";

export const dynamic = "force-dynamic";

/** A built-in music track, to listen to before choosing it: the studio's own synthesis, the same for everyone. */
export const GET = route<{ id: string }>(async (_req, { id }) => {
  if (!BUILTIN_MUSIC.some((t) => t.id === id)) {
    return Response.json(
      { detail: `No built-in music track of that name; there are ${BUILTIN_MUSIC.map((t) => t.id).join(", ")}`, code: "not_found" },
      { status: 404 },
    );
  }
  const body = await fs.readFile(await builtinMusicPath(id));
  return new Response(new Uint8Array(body), {
    headers: { "content-type": "audio/wav", "content-length": String(body.length), "cache-control": "public, max-age=86400" },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
