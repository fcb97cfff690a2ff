import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Timeline, Track } from "@/lib/composition/timeline";
import { TimelineValidationError } from "@/lib/composition/timeline";
import { probe } from "@/lib/media/ffmpeg";
import { fileMemo } from "@/lib/media/file-memo";
import { wavLayout } from "@/lib/media/wav";
import { analysePhoto, placeholderPhoto, type PhotoAnalysis } from "./actor-photo";
import { OUTRO_MS } from "./actor-motion";
import { getSpeechProvider, type SpeechProvider, type SpeechSegment, type VoiceProfile } from "@/lib/providers/speech/index";
import { voiceBySpeakerId } from "@/lib/providers/speech/voices";
import type { VendorCallScope } from "@/lib/providers/jobs";
import type { TalkingHeadProvider } from "@/lib/providers/talking-head/index";
import { isProviderError } from "@/lib/providers/vendor";

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
  /** Actor tracks: the character's photo (a neutral silhouette when they have none) and what was decided about it once. */
  photo?: { path: string; analysis: PhotoAnalysis };
  /** Actor tracks made by a talking-head vendor: its clip of the character speaking, shown in place of the animated photo. */
  clip?: { path: string; durationMs: number; provider: string };
}

export interface PreparedTimeline {
  timeline: Timeline;
  /** tracks[scene][track], parallel to the timeline. */
  tracks: PreparedTrack[][];
  /** Intrinsic lengths for resolveTimings. */
  intrinsic: (track: Track, at: { scene: number; track: number }) => number | null;
  /** Actor tracks whose vendor failed and which the renderer animates in-house instead (the offline fallback). */
  talkingHeadFallbacks: TalkingHeadFallback[];
}

/** A talking head made in-house because its vendor failed: where, which vendor, and the vendor's words. */
export interface TalkingHeadFallback {
  scene: number;
  track: number;
  providerId: string;
  message: string;
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
  /**
   * Who makes actor tracks' talking heads: a vendor (HeyGen, fal) makes a lip-synced clip of the
   * character speaking the track's speech, cached by content; absent or local, the renderer
   * animates the photo itself. `scope` records the vendor's jobs.
   */
  talkingHead?: {
    provider: TalkingHeadProvider;
    size: { width: number; height: number };
    scope?: VendorCallScope;
    /**
     * The workspace's offline fallback: a vendor failure (a ProviderError) makes that actor the
     * animated photo, listed in `talkingHeadFallbacks`, instead of failing the render. The choice is
     * written beside the cache, so a later render of the same clip (the stitch after its scene job)
     * keeps it without asking the vendor again unless `retryFallback` says to.
     */
    fallback?: boolean;
    /** Ask the vendor again even where an earlier render of this clip fell back (a scene's own job). */
    retryFallback?: boolean;
  };
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
  // Each photo is analysed once (backdrop, face), however many tracks show it; the analysis is cached on disk by content.
  const photos = new Map<string, Promise<PreparedTrack["photo"]>>();
  const photoOf = (file: string | null) => {
    const key = file ?? "";
    if (!photos.has(key))
      photos.set(
        key,
        (async () => {
          const p = file ?? (await placeholderPhoto(deps.cacheDir));
          return { path: p, analysis: await analysePhoto(p, deps.cacheDir) };
        })(),
      );
    return photos.get(key)!;
  };
  await fs.mkdir(deps.cacheDir, { recursive: true });

  // Every file is fetched and probed at once (an ffprobe is a process of its own, about 100 ms), then read in order
  // below. The catch only marks an early failure as handled: the loop's await reports it against its track.
  for (const scene of timeline.scenes) for (const track of scene.tracks) if ("src" in track && track.src) describeSrc(track.src).catch(() => {});

  const tracks: PreparedTrack[][] = [];
  const fallbacks: TalkingHeadFallback[] = [];
  for (const [si, scene] of timeline.scenes.entries()) {
    const out: PreparedTrack[] = [];
    for (const [ti, track] of scene.tracks.entries()) {
      deps.signal?.throwIfAborted();
      const at = ["scenes", si, "tracks", ti];
      try {
        if (track.type === "actor") {
          const actor = await actorOf(track.actor);
          const prepared: PreparedTrack = { photo: await photoOf(actor.photoPath) };
          if (track.src) {
            prepared.media = await describeSrc(track.src);
            prepared.speech = { path: prepared.media.path, durationMs: prepared.media.durationMs ?? 0, segments: [] };
          } else if (track.text) {
            const chosen = track.speakerId ? ((await deps.resolveVoice?.(track.speakerId)) ?? voiceBySpeakerId(track.speakerId)) : null;
            const voice = chosen ?? actor.voice;
            prepared.speech = await synthesizeCached(speech, track.text, voice, deps.cacheDir);
          }
          if (deps.talkingHead && deps.talkingHead.provider.id !== "local" && prepared.speech) {
            const made = await talkingHeadCached(deps.talkingHead, { photoPath: actor.photoPath, speechPath: prepared.speech.path }, deps);
            if ("clip" in made) prepared.clip = made.clip;
            else if (made.failure) fallbacks.push({ scene: si, track: ti, providerId: deps.talkingHead.provider.id, message: made.failure });
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
    talkingHeadFallbacks: fallbacks,
    intrinsic: (track, at) => {
      const p = tracks[at.scene]?.[at.track];
      // The closing gesture is part of the track: a scene that takes its length from it shows the gesture too.
      if (track.type === "actor") return p?.speech?.durationMs ? p.speech.durationMs + (track.includeOutro ? OUTRO_MS : 0) : null;
      return p?.media?.durationMs ?? null;
    },
  };
}

/**
 * The vendor's clip of a character speaking, made once per photo, speech and size: a render that
 * asks again (a redelivered job, a re-render, another scene saying the same) finds it in the cache
 * and the vendor is not paid twice. With the fallback on, a vendor failure is an answer too
 * (`failure`, the vendor's words, the first time; no clip), remembered beside the cache.
 */
async function talkingHeadCached(
  th: NonNullable<PrepareTimelineDeps["talkingHead"]>,
  input: { photoPath: string | null; speechPath: string },
  deps: Pick<PrepareTimelineDeps, "cacheDir" | "signal">,
): Promise<{ clip: NonNullable<PreparedTrack["clip"]> } | { failure: string | null }> {
  const digest = createHash("sha256").update(JSON.stringify({ p: th.provider.id, size: th.size }));
  for (const file of [input.photoPath, input.speechPath]) if (file) digest.update(await fs.readFile(file));
  const key = digest.digest("hex").slice(0, 32);
  const out = path.join(deps.cacheDir, `talking-head-${key}.mp4`);
  const fellBack = path.join(deps.cacheDir, `talking-head-${key}.offline`);
  const cached = await fs.stat(out).then(
    (s) => s.size > 0,
    () => false,
  );
  if (!cached) {
    if (th.fallback && !th.retryFallback && (await exists(fellBack))) return { failure: null };
    const workDir = await fs.mkdtemp(path.join(deps.cacheDir, `talking-head-${key}-`));
    try {
      const partial = path.join(workDir, "clip.mp4");
      await th.provider.render(
        { photoPath: input.photoPath, audioPath: input.speechPath, width: th.size.width, height: th.size.height, outPath: partial, workDir },
        { signal: deps.signal, scope: th.scope ? { ...th.scope, subject: `${th.scope.subject}:talking-head:${key}` } : undefined },
      );
      await fs.rename(partial, out);
      await fs.rm(fellBack, { force: true });
    } catch (e) {
      if (!th.fallback || !isProviderError(e) || deps.signal?.aborted) throw e;
      await fs.writeFile(fellBack, e.message);
      return { failure: e.message };
    } finally {
      await fs.rm(workDir, { recursive: true, force: true });
    }
  }
  const info = await probe(out);
  return { clip: { path: out, durationMs: info.durationMs, provider: th.provider.id } };
}

export async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
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

const described = fileMemo<MediaInfo>(1000);

/**
 * Probes a local file: its length (null for stills) and whether it has sound. Memoised by path,
 * size and mtime: a story's stitch describes every scene's frame and narration again after its
 * scene jobs did, and each ffprobe costs a process (about 70 ms; ten of them were a third of a
 * one-scene edit's re-render).
 */
export function describeMedia(file: string): Promise<MediaInfo> {
  return described(file, null, async (st) => (await sniffMedia(file, st.size)) ?? (await probeMedia(file)));
}

/** Signatures of the still formats ffprobe reads as one frame (png_pipe, jpeg_pipe, webp_pipe): bytes at offsets. */
const STILLS: Array<Array<[number, Buffer]>> = [
  [[0, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])]],
  [[0, Buffer.from([0xff, 0xd8, 0xff])]],
  [
    [0, Buffer.from("RIFF")],
    [8, Buffer.from("WEBP")],
  ],
];

/**
 * What a file's first bytes settle without a process: a PNG, JPEG or WebP is a still, and a PCM
 * WAV's length is in its header (every frame and narration of a story is one of these). Null
 * when they do not: ffprobe decides.
 */
async function sniffMedia(file: string, size: number): Promise<MediaInfo | null> {
  const fh = await fs.open(file, "r");
  let head: Buffer;
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(4096), 0, 4096, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  if (STILLS.some((parts) => parts.every(([at, bytes]) => head.subarray(at, at + bytes.length).equals(bytes)))) {
    return { path: file, durationMs: null, hasAudio: false };
  }
  if (head.toString("ascii", 8, 12) !== "WAVE") return null;
  try {
    const wav = wavLayout(head, size);
    const frames = (wav.data.end - wav.data.start) / ((wav.channels * wav.bitsPerSample) / 8);
    return frames > 0 && wav.sampleRate > 0 ? { path: file, durationMs: Math.round((frames * 1000) / wav.sampleRate), hasAudio: true } : null;
  } catch {
    return null;
  }
}

async function probeMedia(file: string): Promise<MediaInfo> {
  const info = await probe(file);
  const hasVideoOrAudio = info.streams.some((s) => s.codecType === "audio" || s.codecType === "video");
  if (!hasVideoOrAudio) throw new Error(`${path.basename(file)} has no audio or video stream`);
  // Still images report a zero or one-frame duration; only real media has a length of its own.
  const isStill = info.streams.every((s) => s.codecType === "video") && ["png_pipe", "jpeg_pipe", "webp_pipe", "image2", "gif"].includes(info.formatName);
  return { path: file, durationMs: isStill || info.durationMs <= 0 ? null : info.durationMs, hasAudio: info.streams.some((s) => s.codecType === "audio") };
}
