import { z } from "zod";
import { describe, expect, it } from "vitest";
import { AppError, notFound } from "@/lib/errors";
import type { ProjectWithScenes } from "@/lib/projects/queries";
import { regenerateSceneInput } from "@/lib/validation/projects";
import { errorResponse } from "../route";
import { twinActorWords } from "./errors";
import { projectOut, statusOut } from "./mappers";
import { projectOutSchema, projectStatusSchema } from "./responses";
import { personIn } from "./schemas";
import { projectStatusWord, stepStatusWord } from "./status";

const req = new Request("http://studio.test/api/v1/scene-projects/1");
const when = new Date("2026-01-02T03:04:05Z");
const project = (over: Partial<ProjectWithScenes> = {}): ProjectWithScenes =>
  ({
    id: 42,
    title: "A founder",
    storyIdea: "From garage to IPO",
    numScenes: 1,
    status: "completed",
    progress: 100,
    characterId: 1,
    finalVideoMediaId: "m1",
    upscaledVideoMediaId: null,
    upscaleStatus: null,
    totalDurationMs: 10_400,
    useAvatarFirstScene: false,
    useAvatarLastScene: false,
    errorMessage: null,
    currentStep: null,
    creditsUsed: 100,
    createdAt: when,
    updatedAt: when,
    scenes: [
      {
        id: 7,
        sceneNumber: 1,
        description: "d",
        imagePrompt: "i",
        motionPrompt: "m",
        narrationText: "n",
        imageMediaId: "m2",
        videoMediaId: null,
        status: "completed",
        imageStatus: "completed",
        videoStatus: "completed",
        errorMessage: null,
      },
    ],
    ...over,
  }) as unknown as ProjectWithScenes;

const body = (r: Response) => r.json() as Promise<Record<string, unknown>>;

describe("the twin.actor dialect", () => {
  it("maps projects and status to the seed's fields, and its documented shapes accept them", () => {
    const out = projectOut(req, project(), "u1");
    expect(projectOutSchema.parse(out)).toBeTruthy();
    expect(out).toMatchObject({ id: 42, ideas: "From garage to IPO", story_idea: "From garage to IPO", total_duration_seconds: 10 });
    const done = statusOut(req, project());
    expect(projectStatusSchema.parse(done)).toBeTruthy();
    expect(done).toMatchObject({ status: "completed", credits_used: 100, duration_seconds: 10, total_duration_seconds: 10 });
    expect(done.scenes_status).toEqual(done.scenes);
    const failed = statusOut(req, project({ status: "failed", errorMessage: "boom" }));
    expect(projectStatusSchema.parse(failed)).toMatchObject({ error: "boom", error_message: "boom" });
  });

  it("words the domain's errors in its own fields and nouns", async () => {
    const nf = await body(errorResponse(notFound("Character"), twinActorWords));
    expect(nf).toMatchObject({ detail: "Character not found".replace("Character", "Person"), code: "not_found" });
    const field = await body(errorResponse(new AppError("bad_request", "This scene is a talking head", "regenerateImage"), twinActorWords));
    expect(field.field).toBe("regenerate_image");
    const zod = regenerateSceneInput.safeParse({ regenerateImage: false, regenerateVideo: false });
    const v = await body(errorResponse(zod.error, twinActorWords));
    expect(v.field).toBe("regenerate_video");
    expect((v.errors as Array<{ field: string }>)[0].field).toBe("regenerate_video");
    // An actor name of the other dialect is not a noun to translate.
    expect((await body(errorResponse(new AppError("bad_request", "character-3 is busy"), twinActorWords))).detail).toBe("character-3 is busy");
    // Nor is a length in letters.
    const long = await body(errorResponse(new AppError("bad_request", "story_idea must be at most 1000 characters; no characters yet"), twinActorWords));
    expect(long.detail).toBe("story_idea must be at most 1000 characters; no persons yet");
    expect((await body(errorResponse(z.object({ a: z.string() }).safeParse({}).error, twinActorWords))).detail).toMatch(/^a: /);
    // The shared text() messages read the same after the nouns are swapped.
    for (const bad of ["Sa\u0000m", "Sam\ud800", "x".repeat(81)]) {
      const issue = personIn.safeParse({ name: bad }).error;
      const said = await body(errorResponse(issue, twinActorWords));
      expect(said.detail, bad).toBe(issue?.issues[0].message);
      expect(said.field).toBe("name");
    }
  });

  it("maps the five task statuses to its step and project words", () => {
    expect((["queued", "running", "succeeded", "failed", "canceled"] as const).map(stepStatusWord)).toEqual([
      "pending",
      "generating",
      "completed",
      "failed",
      "failed",
    ]);
    expect((["queued", "running", "succeeded", "failed", "canceled"] as const).map(projectStatusWord)).toEqual([
      "generating",
      "generating",
      "completed",
      "failed",
      "failed",
    ]);
  });
});
