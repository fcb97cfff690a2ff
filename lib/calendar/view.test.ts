import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { socialAccounts } from "@/db/schema/social";
import { createPost, getPost, targetEvents } from "@/lib/social/posts";
import { listAccounts } from "@/lib/social/accounts";
import { makeAccount, makeCharacter, makeFinishedVideo } from "@/lib/test/factories";
import { accountChoices, platformInfo, toPostView, videoChoices } from "./view";

const day = 86_400_000;

describe("the calendar's view of posts and accounts", () => {
  it("flags expired, revoked and soon-expiring accounts, and a post's target whose account cannot post at its time", async () => {
    const a = await makeAccount();
    const db = getDb();
    const account = (handle: string, over: Partial<typeof socialAccounts.$inferInsert>) =>
      db
        .insert(socialAccounts)
        .values({ workspaceId: a.workspaceId, platform: "youtube", externalId: handle, handle, ...over })
        .returning()
        .then((r) => r[0]);
    const fine = await account("@fine", { tokenExpiresAt: new Date(Date.now() + 60 * day) });
    await account("@soon", { tokenExpiresAt: new Date(Date.now() + 2 * day) });
    await account("@revoked", { status: "revoked", lastError: "the user removed the app" });
    const choices = await accountChoices(db, a.workspaceId);
    expect(Object.fromEntries(choices.map((c) => [c.handle, c.problem]))).toEqual({
      "@fine": null,
      "@soon": "its authorization expires within a week: reconnect it",
      "@revoked": "the account needs reconnecting (the user removed the app)",
    });

    const character = await makeCharacter(a);
    const post = await createPost(db, a.workspaceId, {
      characterId: character.id,
      title: "Later",
      script: "",
      scheduledAt: new Date(Date.now() + 30 * day),
      targets: [{ platform: "channel" }],
      captions: {},
    });
    const view = toPostView(post, await listAccounts(db, a.workspaceId), await targetEvents(db, a.workspaceId, post.id));
    expect(view).toMatchObject({ id: post.id, status: "scheduled", scheduledAt: post.scheduledAt.toISOString() });
    expect(view.targets).toEqual([expect.objectContaining({ platform: "channel", accountProblem: null, events: [] })]);
    expect(view.targets[0]).not.toHaveProperty("state");

    // The same post seen with a YouTube target whose token dies before the post's time.
    const withYoutube = { ...(await getPost(db, a.workspaceId, post.id)) };
    withYoutube.targets = [{ ...withYoutube.targets[0], platform: "youtube", accountId: fine.id, accountHandle: "@fine" }];
    const later = { ...withYoutube, scheduledAt: new Date(Date.now() + 90 * day) };
    expect(toPostView(later, await listAccounts(db, a.workspaceId)).targets[0].accountProblem).toMatch(/will have expired by then/);
    expect(toPostView(withYoutube, []).targets[0].accountProblem).toBe("the account was disconnected: reconnect it in Settings");
  });

  it("lists finished videos newest first with their share URLs, and what each platform allows", async () => {
    const a = await makeAccount();
    const v = await makeFinishedVideo(a, { width: 360, height: 640, seconds: 1 });
    const [choice] = await videoChoices(getDb(), a.workspaceId);
    expect(choice).toMatchObject({ id: v.id, videoUrl: expect.stringMatching(/^\/api\/share\/.+\/video$/) });
    expect(platformInfo().channel).toEqual({ supported: true, maxCaptionChars: 5000 });
  });
});
