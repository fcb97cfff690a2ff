import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Timeline, Track } from "@/lib/composition/timeline";
import { TimelineValidationError } from "@/lib/composition/timeline";
import { probe, runFfmpeg } from "@/lib/media/ffmpeg";
import { getSpeechProvider, type SpeechProvider, type SpeechSegment, type VoiceProfile } from "@/lib/providers/speech/index";
import { voiceBySpeakerId } from "@/lib/providers/speech/voices";

export interface MediaInfo {
  path: string;
  /** Null for stills and media without a length. */
  durationMs: number | null;
  hasAudio: boolean;
}

/** What preparation learned about one track: its local media, and for speaking tracks the speech. */
export interface PreparedTrack {
  media?: MediaInfo;
  speech?: { path: string; durationMs: number; segments: SpeechSegment[] };
  /** Actor tracks: the character's photo (null: draw a placeholder). */
  photoPath?: string | null;
}

export interface PreparedTimeline {
  timeline: Timeline;
  /** tracks[scene][track], parallel to the timeline. */
  tracks: PreparedTrack[][];
  /** Intrinsic lengths for resolveTimings. */
  intrinsic: (track: Track, at: { scene: number; track: number }) => number | null;
}

export interface ResolvedActor {
  photoPath: string | null;
  voice: VoiceProfile | null;
}

export interface PrepareTimelineDeps {
  /** Turns a track's opaque `src` into a local file path (e.g. via fetchRemote for URLs). */
  resolveAsset: (src: string) => Promise<string>;
  /** Looks up a character by the actor track's `actor` id; absent: every actor is a placeholder with the default voice. */
  resolveActor?: (actorId: string) => Promise<ResolvedActor>;
  /** Looks up a speakerId the engine's catalogue does not know (e.g. a character's cloned voice). */
  resolveVoice?: (speakerId: string) => Promise<VoiceProfile | null>;
  /** Defaults to getSpeechProvider(). */
  speech?: SpeechProvider;
  /** Synthesized speech is cached here by a hash of provider, text and voice. */
  cacheDir: string;
  signal?: AbortSignal;
}

/**
 * Turns a parsed timeline into local files and numbers: fetches every `src` once through
 * `resolveAsset`, synthesizes actor text with the speech provider (cached by content), resolves
 * actors to a photo and voice, and probes media for intrinsic lengths. The result feeds
 * resolveTimings and the renderer, which then do no I/O of their own besides ffmpeg.
 */
export async function prepareTimeline(timeline: Timeline, deps: PrepareTimelineDeps): Promise<PreparedTimeline> {
  const speech = deps.speech ?? getSpeechProvider();
  const media = new Map<string, Promise<MediaInfo>>();
  const actors = new Map<string, Promise<ResolvedActor>>();
  const describeSrc = (src: string) => {
    if (!media.has(src)) media.set(src, deps.resolveAsset(src).then(describeMedia));
    return media.get(src)!;
  };
  const actorOf = (id: string) => {
    if (!actors.has(id)) actors.set(id, deps.resolveActor ? deps.resolveActor(id) : Promise.resolve({ photoPath: null, voice: null }));
    return actors.get(id)!;
  };
  await fs.mkdir(deps.cacheDir, { recursive: true });

  const tracks: PreparedTrack[][] = [];
  for (const [si, scene] of timeline.scenes.entries()) {
    const out: PreparedTrack[] = [];
    for (const [ti, track] of scene.tracks.entries()) {
      deps.signal?.throwIfAborted();
      const at = ["scenes", si, "tracks", ti];
      try {
        if (track.type === "actor") {
          const actor = await actorOf(track.actor);
          const prepared: PreparedTrack = { photoPath: actor.photoPath };
          if (track.src) {
            prepared.media = await describeSrc(track.src);
            prepared.speech = { path: prepared.media.path, durationMs: prepared.media.durationMs ?? 0, segments: [] };
          } else if (track.text) {
            const chosen = track.speakerId ? ((await deps.resolveVoice?.(track.speakerId)) ?? voiceBySpeakerId(track.speakerId)) : null;
            const voice = chosen ?? actor.voice;
            prepared.speech = await synthesizeCached(speech, track.text, voice, deps.cacheDir);
          }
          out.push(prepared);
        } else if ("src" in track && track.src) {
          out.push({ media: await describeSrc(track.src) });
        } else out.push({});
      } catch (err) {
        if (err instanceof TimelineValidationError || deps.signal?.aborted) throw err;
        const field = track.type === "actor" ? (track.src ? "src" : "actor") : "src";
        throw new TimelineValidationError([{ path: [...at, field], message: (err as Error).message }]);
      }
    }
    tracks.push(out);
  }
  return {
    timeline,
    tracks,
    intrinsic: (track, at) => {
      const p = tracks[at.scene]?.[at.track];
      if (track.type === "actor") return p?.speech?.durationMs || null;
      return p?.media?.durationMs ?? null;
    },
  };
}

async function synthesizeCached(speech: SpeechProvider, text: string, voice: VoiceProfile | null, cacheDir: string) {
  const key = createHash("sha256")
    .update(JSON.stringify({ p: speech.id, text, voice }))
    .digest("hex")
    .slice(0, 32);
  const wav = path.join(cacheDir, `speech-${key}.wav`);
  const meta = path.join(cacheDir, `speech-${key}.json`);
  try {
    const cached = JSON.parse(await fs.readFile(meta, "utf8")) as { durationMs: number; segments: SpeechSegment[] };
    await fs.access(wav);
    return { path: wav, ...cached };
  } catch {
    // Not cached yet (or half-written): synthesize below.
  }
  const r = await speech.synthesize(text, voice, wav);
  await fs.writeFile(meta, JSON.stringify({ durationMs: r.durationMs, segments: r.segments }));
  return { path: r.path, durationMs: r.durationMs, segments: r.segments };
}

const described = new Map<string, { stamp: string; info: MediaInfo }>();
const DESCRIBED_MAX = 1000;

/**
 * Probes a local file: its length (null for stills) and whether it has sound. Memoised by path,
 * size and mtime: a story's stitch describes every scene's frame and narration again after its
 * scene jobs did, and each ffprobe costs a process (about 70 ms; ten of them were a third of a
 * one-scene edit's re-render).
 */
export async function describeMedia(file: string): Promise<MediaInfo> {
  const st = await fs.stat(file);
  const stamp = `${st.size}:${st.mtimeMs}`;
  const known = described.get(file);
  if (known?.stamp === stamp) return known.info;
  const info = await probeMedia(file);
  if (described.size >= DESCRIBED_MAX) described.delete(described.keys().next().value!);
  described.set(file, { stamp, info });
  return info;
}

async function probeMedia(file: string): Promise<MediaInfo> {
  const info = await probe(file);
  const hasVideoOrAudio = info.streams.some((s) => s.codecType === "audio" || s.codecType === "video");
  if (!hasVideoOrAudio) throw new Error(`${path.basename(file)} has no audio or video stream`);
  // Still images report a zero or one-frame duration; only real media has a length of its own.
  const isStill = info.streams.every((s) => s.codecType === "video") && ["png_pipe", "jpeg_pipe", "webp_pipe", "image2", "gif"].includes(info.formatName);
  return { path: file, durationMs: isStill || info.durationMs <= 0 ? null : info.durationMs, hasAudio: info.streams.some((s) => s.codecType === "audio") };
}

const ENVELOPE_RATE = 8000;
const envelopes = new Map<string, Int16Array>();

/**
 * The speech as 8 kHz mono samples, memoised by path + size + mtime: a render whose segments are
 * all cached (the story stitch) still plans every scene, and should not decode each speech again.
 */
async function speechEnvelope(speechPath: string, rawPath: string, signal?: AbortSignal): Promise<Int16Array> {
  const st = await fs.stat(speechPath);
  const key = `${speechPath}\u0000${st.size}\u0000${st.mtimeMs}`;
  const hit = envelopes.get(key);
  if (hit) return hit;
  await runFfmpeg(["-y", "-i", speechPath, "-ac", "1", "-ar", String(ENVELOPE_RATE), "-f", "s16le", rawPath], { signal });
  const buf = await fs.readFile(rawPath);
  await fs.rm(rawPath, { force: true });
  const samples = new Int16Array(buf.buffer, buf.byteOffset, Math.floor(buf.length / 2));
  if (envelopes.size >= 64) envelopes.delete(envelopes.keys().next().value!);
  envelopes.set(key, samples);
  return samples;
}

/**
 * The talking head's motion: a sendcmd script that, per video frame, lifts the head (overlay y)
 * and brightens it (eq) with the speech's loudness. Honestly a loudness-driven bob, not lip-sync.
 * `startMs` shifts the speech to its place in the scene; `baseY` is the head's resting top.
 */
export async function buildTalkingHeadScript(opts: {
  speechPath: string;
  id: number;
  startMs: number;
  durationMs: number;
  fps: number;
  baseX: number;
  baseY: number;
  bobPx: number;
  workDir: string;
  signal?: AbortSignal;
}): Promise<string> {
  const rate = ENVELOPE_RATE;
  const samples = await speechEnvelope(opts.speechPath, path.join(opts.workDir, `envelope-${opts.id}.raw`), opts.signal);
  const per = rate / opts.fps;
  const frames = Math.ceil((opts.durationMs * opts.fps) / 1000);
  const levels: number[] = [];
  let peak = 1e-6;
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    const from = Math.floor(f * per);
    const to = Math.min(samples.length, Math.floor((f + 1) * per));
    for (let i = from; i < to; i++) sum += samples[i] * samples[i];
    const rms = to > from ? Math.sqrt(sum / (to - from)) / 32768 : 0;
    levels.push(rms);
    peak = Math.max(peak, rms);
  }
  // Attack fast, release slowly, so the head moves like speech rather than jittering per frame.
  let smooth = 0;
  const lines: string[] = [];
  let last = "";
  levels.forEach((rms, f) => {
    const target = Math.min(1, rms / peak);
    smooth = target > smooth ? smooth + (target - smooth) * 0.6 : smooth * 0.75;
    const y = Math.round(opts.baseY - smooth * opts.bobPx);
    const brightness = (smooth * 0.06).toFixed(3);
    const cmd = `overlay@actor${opts.id} y ${y}, eq@actor${opts.id} brightness ${brightness}`;
    if (cmd === last) return;
    last = cmd;
    lines.push(`${((opts.startMs + (f * 1000) / opts.fps) / 1000).toFixed(3)} ${cmd};`);
  });
  return lines.join("\n") + "\n";
}
