/**
 * Render benchmark: a 5-scene story made entirely offline (procedural images -> camera-move
 * clips -> espeak narration -> renderTimeline), compared with a raw x264 encode of the same
 * number of frames at the same size and preset, then a re-render after editing one scene.
 *
 *   npx tsx bench/render.ts [--size 1280x720] [--keep]
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { compileStoryProject, type StoryProjectInput } from "@/lib/composition/recipes/story-project";
import { ffmpegVersion, probe, runFfmpeg } from "@/lib/media/ffmpeg";
import { getImageProvider } from "@/lib/providers/image/index";
import { getMotionProvider } from "@/lib/providers/motion/index";
import { getSpeechProvider } from "@/lib/providers/speech/index";
import { renderParams, renderTimeline } from "@/lib/render/render-timeline";

const FPS = 25;
const SCENES = [
  { prompt: "A cramped garage office at night, neon light on a laptop", motion: "Camera: slow push-in toward her face.", narration: "It started in a garage, long after midnight. One laptop, one idea, and far too much coffee." },
  { prompt: "City skyline at sunrise seen from a rooftop", motion: "Camera: pan right across the skyline.", narration: "By morning the first prototype worked. Barely, but it worked." },
  { prompt: "A quiet park with tall trees in the morning", motion: "Camera: tilt up from the path to the treetops.", narration: "She walked to clear her head. The answer was simpler than she thought." },
  { prompt: "Ocean beach at golden hour with gentle waves", motion: "Camera: pull back to reveal the whole beach.", narration: "Weeks went by. Customers arrived, one conversation at a time." },
  { prompt: "Launch celebration on a stage with spotlights and confetti", motion: "Camera: pan left across the cheering crowd.", narration: "Then came launch day. The room erupted, and the garage felt very far away." },
];

function parseArgs() {
  const i = process.argv.indexOf("--size");
  const size = i > 0 ? process.argv[i + 1] : "1280x720";
  const m = /^(\d+)x(\d+)$/.exec(size ?? "");
  if (!m || Number(m[1]) % 2 || Number(m[2]) % 2) throw new Error(`--size must be WIDTHxHEIGHT with even numbers, got ${size}`);
  return { width: Number(m[1]), height: Number(m[2]), keep: process.argv.includes("--keep") };
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const out = await fn();
  return [out, (performance.now() - t) / 1000];
}

const s = (sec: number) => `${sec.toFixed(1)} s`;

async function main() {
  const { width, height, keep } = parseArgs();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "cinetwin-bench-"));
  const cacheDir = path.join(dir, "cache");
  console.log(`${await ffmpegVersion()}\n${os.cpus().length} CPUs | ${width}x${height} @ ${FPS} fps | ${dir}`);

  // A stand-in character photo, drawn by ffmpeg so the bench needs no files.
  const photo = path.join(dir, "photo.png");
  await runFfmpeg(["-y", "-f", "lavfi", "-i", "testsrc2=size=400x500", "-frames:v", "1", photo]);

  const scenes: StoryProjectInput["scenes"] = [];
  let tImages = 0, tSpeech = 0, tMotion = 0;
  for (const [i, sc] of SCENES.entries()) {
    const n = i + 1;
    const [image, ti] = await timed(() =>
      getImageProvider().generate({ prompt: sc.prompt, width, height, seed: `bench:${n}`, referencePhotoPath: photo }, path.join(dir, `frame-${n}.png`)),
    );
    const [speech, ts] = await timed(() => getSpeechProvider().synthesize(sc.narration, { engineVoice: "en-us", pitch: 45, rate: 165 }, path.join(dir, `narration-${n}.wav`)));
    const durationMs = Math.max(10_000, speech.durationMs + 600);
    const [clip, tm] = await timed(() =>
      getMotionProvider().animate({ imagePath: image.path, motionPrompt: sc.motion, durationMs, width, height, fps: FPS }, path.join(dir, `clip-${n}.mp4`)),
    );
    tImages += ti; tSpeech += ts; tMotion += tm;
    scenes.push({ sceneNumber: n, clipSrc: clip.path, clipDurationMs: clip.durationMs, narrationSrc: speech.path, narrationDurationMs: speech.durationMs, segments: speech.segments });
    console.log(`scene ${n}: ${clip.move.padEnd(9)} clip ${s(tm)} | image ${ti.toFixed(2)} s | speech ${ts.toFixed(2)} s (${(speech.durationMs / 1000).toFixed(1)} s audio)`);
  }

  const project: StoryProjectInput = { title: "Bench", width, height, fps: FPS, burnCaptions: true, scenes };
  const renderOnce = (name: string, p: StoryProjectInput) =>
    timed(() =>
      renderTimeline(compileStoryProject(p), {
        resolveAsset: async (src) => src,
        workDir: path.join(dir, `work-${name}`),
        cacheDir,
        outPath: path.join(dir, `${name}.mp4`),
      }),
    );

  const [full, tRender] = await renderOnce("full", project);
  const info = await probe(full.path);
  const frames = Math.round((full.durationMs * FPS) / 1000);

  // The same number of frames, same size, preset and quality, straight through x264.
  const params = renderParams({ videoSize: { width, height }, fps: FPS, backgroundColor: "#000000" });
  const [, tRaw] = await timed(() =>
    runFfmpeg([
      "-y", "-f", "lavfi", "-i", `testsrc2=size=${width}x${height}:rate=${FPS}`, "-frames:v", String(frames),
      "-c:v", "libx264", "-preset", params.preset, "-crf", String(params.crf), "-pix_fmt", "yuv420p", path.join(dir, "raw.mp4"),
    ]),
  );

  // Edit one scene: new narration for scene 3 (new audio and captions), same clip.
  const [edited3] = await timed(() => getSpeechProvider().synthesize("She walked to clear her head. The answer had been there all along.", { engineVoice: "en-us", pitch: 45, rate: 165 }, path.join(dir, "narration-3b.wav")));
  const editedProject = { ...project, scenes: project.scenes.map((sc) => (sc.sceneNumber === 3 ? { ...sc, narrationSrc: edited3.path, narrationDurationMs: edited3.durationMs, segments: edited3.segments } : sc)) };
  const [edit, tEdit] = await renderOnce("edited", editedProject);

  const v = info.streams.find((x) => x.codecType === "video");
  console.log(`\nvideo ${(info.durationMs / 1000).toFixed(2)} s, ${frames} frames, ${v?.codecName} ${v?.width}x${v?.height} ${v?.pixFmt}, ${(info.sizeBytes / 1e6).toFixed(1)} MB, preset ${params.preset} crf ${params.crf}`);
  console.log(`inputs: images ${s(tImages)} | narration ${s(tSpeech)} | motion clips ${s(tMotion)} (${(tMotion / (frames / FPS)).toFixed(2)} s per video second)`);
  console.log(`render ${SCENES.length} scenes ${s(tRender)} | raw x264 same frames ${s(tRaw)} | ratio ${(tRender / tRaw).toFixed(2)}x`);
  console.log(`whole pipeline (inputs + render) ${s(tImages + tSpeech + tMotion + tRender)} | ratio ${((tImages + tSpeech + tMotion + tRender) / tRaw).toFixed(2)}x raw`);
  console.log(`re-render after editing scene 3: ${s(tEdit)} = ${((tEdit / tRender) * 100).toFixed(0)}% of the full render (segments re-rendered: ${edit.segments.filter((x) => !x.cached).length}/${edit.segments.length})`);
  if (!keep) await fs.rm(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
