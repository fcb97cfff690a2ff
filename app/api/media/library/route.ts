import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { readMultipart, route } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors";
import { addToLibrary, LIBRARY_MAX_BYTES, libraryKinds, listLibrary } from "@/lib/library/service";

export const dynamic = "force-dynamic";

const query = z.object({ kind: z.enum(libraryKinds, { error: `kind must be one of ${libraryKinds.join(", ")}` }).optional() });

/** The workspace's media library, newest first (kind: image, video or audio). */
export const GET = route(async (req) => {
  const p = await requirePrincipal(req);
  const { kind } = query.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await listLibrary(getDb(), p.workspaceId, kind), { headers: { "Cache-Control": "no-store" } });
});

/** Uploads one file (multipart field `file`) into the library: 201 with the item; 400 naming `file` otherwise. */
export const POST = route(async (req) => {
  const p = await requirePrincipal(req, { multipart: true });
  const form = await readMultipart(req, {
    maxBytes: LIBRARY_MAX_BYTES + 64 * 1024,
    field: "file",
    tooLarge: `file is too large (at most ${LIBRARY_MAX_BYTES / 1048576} MB)`,
  });
  const file = form.get("file");
  if (!(file instanceof File)) throw new AppError("bad_request", "file is required: attach an image, a video or a sound", "file");
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "cinetwin-upload-"));
  try {
    const tmp = path.join(dir, "upload");
    await fs.writeFile(tmp, Buffer.from(await file.arrayBuffer()));
    return Response.json(await addToLibrary(getDb(), p.workspaceId, { path: tmp, name: file.name }), { status: 201 });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
