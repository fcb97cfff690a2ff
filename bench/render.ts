/**
 * Render benchmark: a 5-scene story made entirely offline, rendered once (procedural images and
 * espeak narration; each scene's segment, camera move drawn in the render, made by its scene job,
 * two at a time as the worker runs them; then the stitch joins the cached segments), compared with
 * a raw x264 encode of the same number of frames at the same size and preset; the story render
 * alone (cold cache); and an edit of one scene (its scene job again, then the re-join).
 *
 * A second bench renders a 5-scene 1080p timeline (Colossyan-style tracks: camera-move image,
 * talking-head actor, captions from the actor's speech, a title, xfade transitions) the same way.
 *
 * On a shared 2-core machine one run's wall times vary by a fifth, so the benches run --runs times
 * (3 unless told) and the summary gives each figure's median and range.
 *
 *   npx tsx bench/render.ts [--size 1280x720] [--keep] [--only story|timeline] [--runs 3]
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { compileStoryProject, compileStorySceneTimeline, type StorySceneInput } from "@/lib/composition/recipes/story-project";
import { ffmpegVersion, probe, runFfmpeg } from "@/lib/media/ffmpeg";
import { getImageProvider } from "@/lib/providers/image/index";
import { getMotionProvider } from "@/lib/providers/motion/index";
import { getSpeechProvider } from "@/lib/providers/speech/index";
import type { TimelineInput } from "@/lib/composition/timeline";
import { renderParams, renderSegments, renderTimeline } from "@/lib/render/render-timeline";

const FPS = 25;
const SCENES = [
  {
    prompt: "A cramped garage office at night, neon light on a laptop",
    motion: "Camera: slow push-in toward her face.",
    narration: "It started in a garage, long after midnight. One laptop, one idea, and far too much coffee.",
  },
  {
    prompt: "City skyline at sunrise seen from a rooftop",
    motion: "Camera: pan right across the skyline.",
    narration: "By morning the first prototype worked. Barely, but it worked.",
  },
  {
    prompt: "A quiet park with tall trees in the morning",
    motion: "Camera: tilt up from the path to the treetops.",
    narration: "She walked to clear her head. The answer was simpler than she thought.",
  },
  {
    prompt: "Ocean beach at golden hour with gentle waves",
    motion: "Camera: pull back to reveal the whole beach.",
    narration: "Weeks went by. Customers arrived, one conversation at a time.",
  },
  {
    prompt: "Launch celebration on a stage with spotlights and confetti",
    motion: "Camera: pan left across the cheering crowd.",
    narration: "Then came launch day. The room erupted, and the garage felt very far away.",
  },
];

function parseArgs() {
  const i = process.argv.indexOf("--size");
  const size = i > 0 ? process.argv[i + 1] : "1280x720";
  const m = /^(\d+)x(\d+)$/.exec(size ?? "");
  if (!m || Number(m[1]) % 2 || Number(m[2]) % 2) throw new Error(`--size must be WIDTHxHEIGHT with even numbers, got ${size}`);
  return { width: Number(m[1]), height: Number(m[2]), keep: process.argv.includes("--keep") };
}

/** CPU seconds used so far by this process and its finished children (ffmpeg, espeak): /proc/self/stat utime+stime+cutime+cstime. */
async function cpuSeconds(): Promise<number> {
  const stat = await fs.readFile("/proc/self/stat", "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
}

/** CPU seconds of each timed step, by label: on a shared machine they vary far less than wall time. */
const cpu = new Map<string, number>();

async function timed<T>(fn: () => Promise<T>, label?: string): Promise<[T, number]> {
  const t = performance.now();
  const c = await cpuSeconds();
  const out = await fn();
  if (label) cpu.set(label, (await cpuSeconds()) - c);
  return [out, (performance.now() - t) / 1000];
}

const s = (sec: number) => `${sec.toFixed(1)} s`;

/** The baseline: the same number of frames, at the same size, preset and quality, straight through x264. */
function rawEncode(width: number, height: number, frames: number, outPath: string) {
  const params = renderParams({ videoSize: { width, height }, fps: FPS, backgroundColor: "#000000" });
  const lavfi = `testsrc2=size=${width}x${height}:rate=${FPS}`;
  return runFfmpeg([
    "-y",
    "-f",
    "lavfi",
    "-i",
    lavfi,
    "-frames:v",
    String(frames),
    "-c:v",
    "libx264",
    "-preset",
    params.preset,
    "-crf",
    String(params.crf),
    "-pix_fmt",
    "yuv420p",
    outPath,
  ]);
}
/** "wall 1.23x, CPU 1.10x" for two labelled steps. */
const ratios = (a: number, b: number, ca: string, cb: string) =>
  `wall ${(a / b).toFixed(2)}x, CPU ${(cpu.get(ca)! / cpu.get(cb)!).toFixed(2)}x (${cpu.get(ca)!.toFixed(1)} / ${cpu.get(cb)!.toFixed(1)} CPU s)`;

/** Each run's figures, by name, for the summary. */
const figures = new Map<string, number[]>();
const record = (name: string, value: number) => figures.set(name, [...(figures.get(name) ?? []), value]);

async function main() {
  const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : null);
  const only = arg("--only");
  const runs = Number(arg("--runs") ?? 3);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1, got ${arg("--runs")}`);
  for (let run = 1; run <= runs; run++) {
    console.log(`\n=== run ${run} of ${runs}`);
    if (only !== "timeline") await storyBench();
    if (only !== "story") await timelineBench();
  }
  console.log(`\n=== summary of ${runs} run(s): median (min-max)`);
  for (const [name, values] of figures) {
    const sorted = [...values].sort((a, b) => a - b);
    const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    const unit = name.endsWith("%") ? "%" : "x";
    const f = (v: number) => (unit === "%" ? v.toFixed(0) : v.toFixed(2));
    console.log(`${name.replace(/ %$/, "")}: ${f(median)}${unit} (${f(sorted[0])}-${f(sorted[sorted.length - 1])})`);
  }
}

/** The scene jobs a worker runs at once (sceneGenerateJob.concurrency): scenes render in parallel, as in the pipeline. */
const SCENE_JOBS = 2;
const VOICE = { engineVoice: "en-us", pitch: 45, rate: 165 };

async function pool<T>(items: T[], size: number, fn: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: size }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item);
    }),
  );
}

async function storyBench() {
  const { width, height, keep } = parseArgs();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "cinetwin-bench-"));
  console.log(`${await ffmpegVersion()}\n${os.cpus().length} CPUs | ${width}x${height} @ ${FPS} fps | ${dir}`);

  // A stand-in character photo, drawn by ffmpeg so the bench needs no files.
  const photo = path.join(dir, "photo.png");
  await runFfmpeg(["-y", "-f", "lavfi", "-i", "testsrc2=size=400x500", "-frames:v", "1", photo]);
  const settings = { title: "Bench", width, height, fps: FPS, burnCaptions: true };
  const deps = (name: string, cacheDir: string) => ({
    resolveAsset: async (src: string) => src,
    resolveActor: async () => ({ photoPath: photo, voice: null }),
    workDir: path.join(dir, `work-${name}`),
    cacheDir,
  });

  /** A scene job's inputs: image and narration at once (as the job makes them), then the motion decision (a camera move: nothing is encoded). */
  const sceneInputs = async (n: number, tag: string, narration = SCENES[n - 1].narration): Promise<StorySceneInput> => {
    const sc = SCENES[n - 1];
    const [image, speech] = await Promise.all([
      getImageProvider().generate({ prompt: sc.prompt, width, height, seed: `bench:${n}`, referencePhotoPath: photo }, path.join(dir, `frame-${tag}-${n}.png`)),
      getSpeechProvider().synthesize(narration, VOICE, path.join(dir, `narration-${tag}-${n}.wav`)),
    ]);
    const motion = await getMotionProvider().animate(
      { imagePath: image.path, motionPrompt: sc.motion, durationMs: speech.durationMs, width, height, fps: FPS },
      path.join(dir, `clip-${tag}-${n}.mp4`),
    );
    return {
      sceneNumber: n,
      imageSrc: image.path,
      cameraMove: motion.kind === "camera" ? motion.move : "static",
      clipSrc: motion.kind === "clip" ? motion.path : null,
      narrationSrc: speech.path,
      narrationDurationMs: speech.durationMs,
      segments: speech.segments,
    };
  };
  /** The rest of a scene job: its segment rendered into the cache. */
  const renderScene = (scene: StorySceneInput, cacheDir: string, tag: string) =>
    renderSegments(compileStorySceneTimeline(settings, scene), deps(`${tag}-scene-${scene.sceneNumber}`, cacheDir));
  const sceneJob = async (n: number, cacheDir: string, tag: string) => {
    const scene = await sceneInputs(n, tag);
    await renderScene(scene, cacheDir, tag);
    return scene;
  };
  const stitch = (name: string, cacheDir: string, scenes: StorySceneInput[]) =>
    renderTimeline(compileStoryProject({ ...settings, scenes }), { ...deps(name, cacheDir), outPath: path.join(dir, `${name}.mp4`) });

  // A worker is a long-running process: its first image and narration (sharp, librsvg's fonts, the speech engine) are not timed.
  await sceneInputs(1, "warm-up");

  // Whole pipeline, approve -> MP4: scene jobs in parallel (image + narration + segment), then the stitch (join + audio).
  const pipelineCache = path.join(dir, "cache-pipeline");
  const scenes: StorySceneInput[] = [];
  const [piped, tPipeline] = await timed(async () => {
    await pool([1, 2, 3, 4, 5], SCENE_JOBS, async (n) => void (scenes[n - 1] = await sceneJob(n, pipelineCache, "p")));
    return stitch("pipeline", pipelineCache, scenes);
  }, "pipeline");

  // The story render alone (inputs made above), cold cache, one process: every segment, then the join.
  const [full, tRender] = await timed(() => stitch("full", path.join(dir, "cache-render"), scenes), "render");
  const info = await probe(full.path);
  const frames = Math.round((full.durationMs * FPS) / 1000);

  // The same number of frames, same size, preset and quality, straight through x264.
  const params = renderParams({ videoSize: { width, height }, fps: FPS, backgroundColor: "#000000" });
  const [, tRaw] = await timed(() => rawEncode(width, height, frames, path.join(dir, "raw.mp4")), "raw");

  // Edit one scene, as a regeneration does: new narration for scene 3 (made first, timed apart), its segment re-rendered, the stitch re-joins.
  const edited = [...scenes];
  const [scene3, tEditInputs] = await timed(() => sceneInputs(3, "edit", "She walked to clear her head. The answer had been there all along."));
  edited[2] = scene3;
  const [edit, tEdit] = await timed(async () => {
    await renderScene(scene3, pipelineCache, "edit");
    return stitch("edited", pipelineCache, edited);
  }, "edit");

  record("story render vs raw x264, wall", tRender / tRaw);
  record("story render vs raw x264, CPU", cpu.get("render")! / cpu.get("raw")!);
  record("whole pipeline vs raw x264, wall", tPipeline / tRaw);
  record("whole pipeline vs raw x264, CPU", cpu.get("pipeline")! / cpu.get("raw")!);
  record("one-scene edit, share of the full render, wall %", (tEdit / tRender) * 100);
  record("one-scene edit, share of the full render, CPU %", (cpu.get("edit")! / cpu.get("render")!) * 100);
  const v = info.streams.find((x) => x.codecType === "video");
  console.log(
    `\nvideo ${(info.durationMs / 1000).toFixed(2)} s, ${frames} frames, ${v?.codecName} ${v?.width}x${v?.height} ${v?.pixFmt}, ${(info.sizeBytes / 1e6).toFixed(1)} MB, preset ${params.preset} crf ${params.crf}`,
  );
  console.log(`render ${SCENES.length} scenes ${s(tRender)} | raw x264 same frames ${s(tRaw)} | ratio ${ratios(tRender, tRaw, "render", "raw")}`);
  console.log(
    `whole pipeline (images + narration + scene segments in ${SCENE_JOBS} jobs + stitch) ${s(tPipeline)} | vs raw ${ratios(tPipeline, tRaw, "pipeline", "raw")} (stitch found ${piped.segments.filter((x) => x.cached).length}/${piped.segments.length} segments cached)`,
  );
  console.log(
    `edit scene 3 (its segment + re-join): ${s(tEdit)} = ${((tEdit / tRender) * 100).toFixed(0)}% of the full render (CPU ${((cpu.get("edit")! / cpu.get("render")!) * 100).toFixed(0)}%); with its new image + narration ${s(tEdit + tEditInputs)} = ${(((tEdit + tEditInputs) / tRender) * 100).toFixed(0)}% ` +
      `(segments re-rendered by the stitch: ${edit.segments.filter((x) => !x.cached).length}/${edit.segments.length})`,
  );
  if (!keep) await fs.rm(dir, { recursive: true, force: true });
}

const TRANSITIONS = ["wipeleft", "dissolve", "slideleft", "circleopen"] as const;

/** 5 scenes at 1920x1080: background image with a camera move, a talking head, captions, a title; xfades between scenes. */
async function timelineBench() {
  const [width, height] = [1920, 1080];
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "cinetwin-bench-tl-"));
  const cacheDir = path.join(dir, "cache");
  console.log(`\n--- timeline bench: ${SCENES.length} scenes ${width}x${height} @ ${FPS} fps | ${dir}`);
  const photo = path.join(dir, "photo.png");
  await runFfmpeg(["-y", "-f", "lavfi", "-i", "testsrc2=size=400x500", "-frames:v", "1", photo]);
  const frames: string[] = [];
  for (const [i, sc] of SCENES.entries()) {
    const img = await getImageProvider().generate({ prompt: sc.prompt, width, height, seed: `bench-tl:${i}` }, path.join(dir, `bg-${i}.png`));
    frames.push(img.path);
  }
  const timeline = (title: string): TimelineInput => ({
    settings: { name: "Bench timeline", videoSize: { width, height }, fps: FPS },
    scenes: SCENES.map((sc, i) => ({
      name: `Scene ${i + 1}`,
      intrinsicDurationTrackReference: "host",
      ...(i < SCENES.length - 1 ? { transition: { type: TRANSITIONS[i], duration: 600 } } : {}),
      tracks: [
        { type: "image" as const, src: frames[i], motion: (["push-in", "pan-right", "tilt-up", "pull-out", "pan-left"] as const)[i] },
        {
          type: "actor" as const,
          actor: "host",
          variant: "bubble" as const,
          referenceId: "host",
          text: sc.narration,
          position: { x: 1440, y: 80 },
          size: { width: 400, height: 400 },
          endTimeGap: 500,
        },
        { type: "captions" as const, sourceTrackReference: "host", style: { position: "bottom" as const } },
        ...(i === 2
          ? [
              {
                type: "text" as const,
                text: title,
                fontSize: 72,
                position: { x: 80, y: 80 },
                size: { width: 1200, height: 200 },
                alignment: "left" as const,
                backgroundBox: { color: "#000000", opacity: 0.5, padding: 16 },
                animation: { enter: "slide-up" as const, exit: "fade" as const },
              },
            ]
          : []),
      ],
    })),
  });
  const renderOnce = (name: string, t: TimelineInput) =>
    timed(
      () =>
        renderTimeline(t, {
          resolveAsset: async (src) => src,
          resolveActor: async () => ({ photoPath: photo, voice: { engineVoice: "en-us", pitch: 45, rate: 165 } }),
          workDir: path.join(dir, `work-${name}`),
          cacheDir,
          outPath: path.join(dir, `${name}.mp4`),
        }),
      `tl-${name}`,
    );
  // Speech is synthesized (and cached) on the first render; a warm-up of every scene keeps it out of the timing
  // (it used to warm scene 1 only, so four scenes' espeak runs were timed as rendering). Draft segments are never reused.
  await timed(() =>
    renderTimeline(timeline("Chapter three"), {
      resolveAsset: async (src) => src,
      resolveActor: async () => ({ photoPath: photo, voice: { engineVoice: "en-us", pitch: 45, rate: 165 } }),
      workDir: path.join(dir, "work-warmup"),
      cacheDir,
      outPath: path.join(dir, "warmup.mp4"),
      draft: true,
    }),
  );
  const [full, tRender] = await renderOnce("full", timeline("Chapter three"));
  const info = await probe(full.path);
  const nFrames = Math.round((info.durationMs * FPS) / 1000);
  const params = renderParams({ videoSize: { width, height }, fps: FPS, backgroundColor: "#000000" });
  const [, tRaw] = await timed(() => rawEncode(width, height, nFrames, path.join(dir, "raw.mp4")), "tl-raw");
  const [edit, tEdit] = await renderOnce("edited", timeline("Chapter three, revised"));
  record("1080p timeline vs raw x264, wall", tRender / tRaw);
  record("1080p timeline vs raw x264, CPU", cpu.get("tl-full")! / cpu.get("tl-raw")!);
  record("1080p timeline title edit, share of the full render, wall %", (tEdit / tRender) * 100);
  console.log(
    `video ${(info.durationMs / 1000).toFixed(2)} s, ${nFrames} frames, ${(info.sizeBytes / 1e6).toFixed(1)} MB, preset ${params.preset} crf ${params.crf}`,
  );
  console.log(`render ${s(tRender)} | raw x264 same frames ${s(tRaw)} | ratio ${ratios(tRender, tRaw, "tl-full", "tl-raw")}`);
  console.log(
    `re-render after editing scene 3's title: ${s(tEdit)} = ${((tEdit / tRender) * 100).toFixed(0)}% of the full render (CPU ${((cpu.get("tl-edited")! / cpu.get("tl-full")!) * 100).toFixed(0)}%) ` +
      `(segments re-rendered ${edit.segments.filter((x) => !x.cached).length}/${edit.segments.length}, transitions re-encoded ${edit.transitions.filter((x) => !x.cached).length}/${edit.transitions.length})`,
  );
  if (!process.argv.includes("--keep")) await fs.rm(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
