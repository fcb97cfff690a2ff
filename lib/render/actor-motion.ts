import fs from "node:fs/promises";
import path from "node:path";
import { fileMemo } from "@/lib/media/file-memo";
import { runFfmpeg } from "@/lib/media/ffmpeg";

/** How long an actor's closing gesture (includeOutro) lasts after its speech. */
export const OUTRO_MS = 1000;
/** How long the eyes stay shut in a blink. */
export const BLINK_MS = 130;
/** How long an actor takes to fade out when it leaves before its scene ends. */
export const ACTOR_FADE_MS = 250;

/** Where the animated photo is in one frame, relative to its resting place: offsets in pixels and a scale. */
export interface ActorPose {
  dx: number;
  dy: number;
  scale: number;
}

/**
 * The animated photo's motion, frame by frame (pure): while the speech is loud the photo lifts a
 * little, sways and swells (attack fast, release slowly, so it moves like speech rather than
 * jittering); when silent it breathes, slowly; with an outro, after the speech it nods and bows
 * once over OUTRO_MS and settles. `levels` are the speech's RMS per frame (0..1 of its peak);
 * `side` is the photo's size in pixels, which every amplitude is a share of.
 */
export function actorPoses(opts: { levels: number[]; frames: number; fps: number; side: number; outro: boolean }): ActorPose[] {
  const { fps, side } = opts;
  const bob = Math.max(2, side * 0.03);
  const sway = Math.max(1, side * 0.012);
  const breath = Math.max(1, side * 0.006);
  const nod = Math.max(2, side * 0.045);
  const speechFrames = opts.levels.length;
  const outroFrames = opts.outro ? Math.round((OUTRO_MS * fps) / 1000) : 0;
  const poses: ActorPose[] = [];
  let fast = 0;
  let slow = 0;
  for (let f = 0; f < opts.frames; f++) {
    const t = f / fps;
    const target = f < speechFrames ? opts.levels[f] : 0;
    fast = target > fast ? fast + (target - fast) * 0.6 : fast * 0.75;
    slow += (target - slow) * 0.08;
    let dy = -fast * bob + Math.sin((2 * Math.PI * t) / 3.6) * breath;
    const dx = Math.sin((2 * Math.PI * t) / 2.9) * sway * Math.min(1, slow * 2.5);
    let scale = 1 + 0.03 * fast;
    const u = (f - speechFrames) / outroFrames;
    if (outroFrames && u >= 0 && u < 1) {
      // A nod (down and back up over the first 60%) inside a small bow that eases back by the end.
      dy += nod * Math.sin(Math.PI * Math.min(1, u / 0.6));
      scale *= 1 - 0.035 * Math.sin(Math.PI * u);
    }
    poses.push({ dx, dy, scale });
  }
  return poses;
}

/**
 * When the eyes blink (ms from the layer's start): every 3 to 6 s, a fixed pseudo-random rhythm
 * from `seed` so a re-render draws the same blinks (and the segment cache still matches).
 */
export function blinkTimes(durationMs: number, seed: number): number[] {
  let s = (seed * 2654435761) >>> 0 || 1;
  const next = () => ((s = (s * 1103515245 + 12345) >>> 0), (s >>> 8) / (1 << 24));
  const times: number[] = [];
  for (let t = 800 + next() * 1500; t + BLINK_MS < durationMs; t += 3000 + next() * 3000) times.push(Math.round(t));
  return times;
}

/**
 * The sendcmd script that plays poses on one actor layer: per frame, the size of scale@actorN
 * (bottom-anchored, or centred for a bubble) and the position of overlay@actorN. Only changes are
 * written, and a photo at rest keeps its size, so the scale passes frames through untouched.
 */
export function actorMotionScript(opts: {
  poses: ActorPose[];
  id: number;
  startMs: number;
  fps: number;
  /** The still's resting top-left corner and size. */
  x: number;
  y: number;
  width: number;
  height: number;
  anchor: "bottom" | "center";
}): string {
  const lines: string[] = [];
  let lastSize = `${opts.width}x${opts.height}`;
  let lastPos = "";
  opts.poses.forEach((p, f) => {
    // Even widths, height from the width: the aspect holds and sizes change in whole steps.
    const w = Math.max(2, 2 * Math.round((opts.width * p.scale) / 2));
    const h = Math.max(2, Math.round((w * opts.height) / opts.width));
    const x = Math.round(opts.x + (opts.width - w) / 2 + p.dx);
    const y = Math.round(opts.y + (opts.anchor === "bottom" ? opts.height - h : (opts.height - h) / 2) + p.dy);
    const cmds: string[] = [];
    const size = `${w}x${h}`;
    if (size !== lastSize) cmds.push(`scale@actor${opts.id} w ${w}`, `scale@actor${opts.id} h ${h}`);
    const pos = `${x},${y}`;
    if (pos !== lastPos) cmds.push(`overlay@actor${opts.id} x ${x}`, `overlay@actor${opts.id} y ${y}`);
    lastSize = size;
    lastPos = pos;
    if (cmds.length) lines.push(`${((opts.startMs + (f * 1000) / opts.fps) / 1000).toFixed(3)} ${cmds.join(", ")};`);
  });
  return lines.join("\n") + "\n";
}

const ENVELOPE_RATE = 8000;
const envelopes = fileMemo<Int16Array>(64);

/**
 * The speech as 8 kHz mono samples, memoised by path + size + mtime: a render whose segments are
 * all cached (the story stitch) still plans every scene, and should not decode each speech again.
 * Renders of the same speech share one decode, so none of them can cancel it (it is a short one).
 */
function speechEnvelope(speechPath: string, rawPath: string): Promise<Int16Array> {
  return envelopes(speechPath, null, async () => {
    await runFfmpeg(["-y", "-i", speechPath, "-ac", "1", "-ar", String(ENVELOPE_RATE), "-f", "s16le", rawPath]);
    const buf = await fs.readFile(rawPath);
    await fs.rm(rawPath, { force: true });
    return new Int16Array(buf.buffer, buf.byteOffset, Math.floor(buf.length / 2));
  });
}

/** The speech's loudness per video frame over `durationMs`, as a share (0..1) of its loudest frame. */
export async function speechLevels(opts: {
  speechPath: string;
  durationMs: number;
  fps: number;
  id: number;
  workDir: string;
  signal?: AbortSignal;
}): Promise<number[]> {
  const samples = await speechEnvelope(opts.speechPath, path.join(opts.workDir, `envelope-${opts.id}.raw`));
  opts.signal?.throwIfAborted();
  const per = ENVELOPE_RATE / opts.fps;
  const frames = Math.min(Math.ceil((opts.durationMs * opts.fps) / 1000), Math.ceil(samples.length / per));
  const rms: number[] = [];
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    const from = Math.floor(f * per);
    const to = Math.min(samples.length, Math.floor((f + 1) * per));
    for (let i = from; i < to; i++) sum += samples[i] * samples[i];
    rms.push(to > from ? Math.sqrt(sum / (to - from)) / 32768 : 0);
  }
  const peak = Math.max(1e-6, ...rms);
  return rms.map((r) => Math.min(1, r / peak));
}
