/**
 * Test-only: publishes a user's newest finished video to a character's channel through the real
 * publishing path (createPost, the due-post dispatch, the e2e server's job worker), for specs to
 * run before a calendar API exists to do it. Run by e2e/channel.spec.ts with tsx against the e2e
 * database; prints {"handle", "channelVideoId"} as JSON.
 *
 *   tsx e2e/channel-seed.ts --email E --twin-id UUID --title T [--caption C]
 */
import { parseArgs } from "node:util";
import { and, desc, eq } from "drizzle-orm";
import { closeDb, getDb } from "../db/client";
import { characters } from "../db/schema/characters";
import { channelVideos } from "../db/schema/social";
import { generatedVideos } from "../db/schema/videos";
import { findAccountByEmail } from "../lib/accounts/service";
import { stopBoss } from "../lib/jobs/boss";
import { createPost, dispatchDuePosts, getPost } from "../lib/social/posts";
import { waitUntil } from "../lib/test/wait";
import { postInput } from "../lib/validation/posts";

const { values } = parseArgs({
  options: { email: { type: "string" }, "twin-id": { type: "string" }, title: { type: "string" }, caption: { type: "string", default: "" } },
});
const db = getDb();
try {
  const account = await findAccountByEmail(db, values.email ?? "");
  if (!account) throw new Error(`no user ${values.email}`);
  const ws = account.workspaceId;
  const [character] = await db
    .select()
    .from(characters)
    .where(and(eq(characters.workspaceId, ws), eq(characters.publicId, values["twin-id"] ?? "")));
  const [video] = await db.select().from(generatedVideos).where(eq(generatedVideos.workspaceId, ws)).orderBy(desc(generatedVideos.createdAt)).limit(1);
  if (!character || !video) throw new Error("the user needs a character and a finished video");
  const post = await createPost(
    db,
    ws,
    postInput.parse({
      characterId: character.id,
      title: values.title,
      videoId: video.id,
      scheduledAt: new Date(Date.now() + 2 * 60_000).toISOString(),
      targets: [{ platform: "channel" }],
      captions: { channel: values.caption },
    }),
  );
  await dispatchDuePosts(db, new Date(Date.now() + 5 * 60_000));
  const done = await waitUntil(
    "the channel post published",
    () => getPost(db, ws, post.id),
    (p) => p.status === "published" || p.status === "failed",
    120_000,
  );
  if (done.status !== "published") throw new Error(`publishing failed: ${done.targets[0]?.lastError}`);
  const [row] = await db.select().from(channelVideos).where(eq(channelVideos.targetId, done.targets[0].id));
  const [{ handle }] = await db.select({ handle: characters.channelHandle }).from(characters).where(eq(characters.id, character.id));
  console.log(JSON.stringify({ handle, channelVideoId: row.id }));
} finally {
  await stopBoss();
  await closeDb();
}
