import type { Scene, Timeline, Track } from "./timeline";

export interface TimingIssue {
  path: Array<string | number>;
  message: string;
}

/** Thrown when a timeline's timing is under- or over-constrained; shaped like a ZodError's issues. */
export class TimelineTimingError extends Error {
  constructor(readonly issues: TimingIssue[]) {
    super(issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join("; "));
    this.name = "TimelineTimingError";
  }
}

/** `["scenes", 2, "duration"]` -> `scenes[2].duration`. */
export function formatPath(path: Array<string | number>): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

export interface ResolvedTrack {
  track: Track;
  /** Offset from the scene start. */
  startMs: number;
  durationMs: number;
}

export interface ResolvedScene {
  scene: Scene;
  /** Offset from the video start. */
  startMs: number;
  durationMs: number;
  tracks: ResolvedTrack[];
}

export interface ResolvedTimeline {
  settings: Timeline["settings"];
  scenes: ResolvedScene[];
  durationMs: number;
}

/** Tracks whose media has a length of its own. */
export function hasIntrinsicDuration(track: Track): track is Extract<Track, { type: "audio" | "video" }> {
  return track.type === "audio" || track.type === "video";
}

/**
 * Gives every scene and track a concrete start and length. Rules: an explicit scene duration
 * wins; otherwise the scene is as long as its longest track that has an explicit or intrinsic
 * (audio/video) length, gaps included. A track without either fills the scene. A scene nothing
 * determines, or an explicit track that cannot fit its explicit scene, is an error with the
 * path of the offending field. Pure: `intrinsic` maps each src to its media length (null when unknown).
 */
export function resolveTimings(timeline: Timeline, intrinsic: ReadonlyMap<string, number | null>): ResolvedTimeline {
  const issues: TimingIssue[] = [];
  let cursor = 0;
  const scenes: ResolvedScene[] = timeline.scenes.map((scene, si) => {
    const own = scene.tracks.map((track) => trackOwnLength(track, intrinsic));
    let durationMs = scene.duration ?? 0;
    if (scene.duration === undefined) {
      const needs = scene.tracks.map((t, ti) => (own[ti] === null ? 0 : (t.startTimeGap ?? 0) + own[ti]! + (t.endTimeGap ?? 0)));
      durationMs = Math.max(0, ...needs);
      if (durationMs <= 0) {
        issues.push({
          path: ["scenes", si, "duration"],
          message: "nothing determines this scene's length: set a duration, or add a track with a duration or an audio/video source",
        });
      }
    }
    const tracks = scene.tracks.map((track, ti): ResolvedTrack => {
      const startMs = track.startTimeGap ?? 0;
      const room = durationMs - startMs - (track.endTimeGap ?? 0);
      if (durationMs > 0 && room <= 0) {
        issues.push({ path: ["scenes", si, "tracks", ti, "startTimeGap"], message: "the gaps leave no time for this track in its scene" });
      } else if (scene.duration !== undefined && track.duration !== undefined && track.duration > room) {
        issues.push({
          path: ["scenes", si, "tracks", ti, "duration"],
          message: `${track.duration} ms does not fit the scene's ${scene.duration} ms with its gaps`,
        });
      }
      // Looping video and media longer than the room are both cut to the scene; short media keeps its own length.
      const loops = track.type === "video" && track.loop;
      const length = track.duration ?? (loops ? null : own[ti]);
      return { track, startMs, durationMs: Math.max(0, Math.min(room, length ?? room)) };
    });
    if (scene.transition?.type === "fade" && durationMs > 0 && scene.transition.duration > durationMs) {
      issues.push({ path: ["scenes", si, "transition", "duration"], message: "the fade is longer than the scene" });
    }
    const resolved = { scene, startMs: cursor, durationMs, tracks };
    cursor += durationMs;
    return resolved;
  });
  if (issues.length) throw new TimelineTimingError(issues);
  return { settings: timeline.settings, scenes, durationMs: cursor };
}

/**
 * Looks up the intrinsic length of every audio/video source (once per distinct src) and
 * resolves the timeline's timing. `intrinsic` returns null when a length is unknown.
 */
export async function resolveTimeline(
  timeline: Timeline,
  intrinsic: (src: string) => Promise<number | null>,
): Promise<ResolvedTimeline> {
  const srcs = new Set(timeline.scenes.flatMap((s) => s.tracks.filter(hasIntrinsicDuration).map((t) => t.src)));
  const lengths = new Map<string, number | null>();
  await Promise.all([...srcs].map(async (src) => lengths.set(src, await intrinsic(src))));
  return resolveTimings(timeline, lengths);
}

function trackOwnLength(track: Track, intrinsic: ReadonlyMap<string, number | null>): number | null {
  if (track.duration !== undefined) return track.duration;
  if (!hasIntrinsicDuration(track)) return null;
  const n = intrinsic.get(track.src);
  return n && n > 0 ? n : null;
}
