import { formatPath, TimelineValidationError, type Scene, type Timeline, type TimelineIssue, type Track } from "./timeline";

export { formatPath, TimelineValidationError };
/** @deprecated the old name of TimelineValidationError's issue type. */
export type TimingIssue = TimelineIssue;
/** @deprecated kept for callers of the first version; timing errors are TimelineValidationErrors. */
export const TimelineTimingError = TimelineValidationError;

export interface ResolvedTrack {
  track: Track;
  /** Index of the track in its scene. */
  index: number;
  /** Offset from the scene start. */
  startMs: number;
  durationMs: number;
}

export interface ResolvedScene {
  scene: Scene;
  /** Offset from the video start (earlier scenes' lengths minus their transition overlaps). */
  startMs: number;
  durationMs: number;
  /** How long this scene overlaps the next one (an xfade transition), 0 when it does not. */
  overlapMs: number;
  tracks: ResolvedTrack[];
}

export interface ResolvedTimeline {
  settings: Timeline["settings"];
  scenes: ResolvedScene[];
  durationMs: number;
}

/** Transitions that overlap two scenes (ffmpeg xfade); "fade" and "none" do not. */
export function isOverlapTransition(type: string | undefined): boolean {
  return !!type && type !== "none" && type !== "fade";
}

/**
 * Tracks whose media has a length of its own. Colossyan names video and actor tracks; we count
 * audio too (a narration file has an obvious length). A looping video has none: it fills its time.
 */
export function hasIntrinsicDuration(track: Track): boolean {
  return track.type === "actor" || track.type === "audio" || (track.type === "video" && !track.loop);
}

/**
 * The intrinsic length of a track's media in ms (null when unknown): a function of the track and
 * its position, or (the first version's shape) a map from `src` to length.
 */
export type IntrinsicLookup = ReadonlyMap<string, number | null> | ((track: Track, at: { scene: number; track: number }) => number | null);

/**
 * Gives every scene and track a concrete start and length, by Colossyan's rules:
 * - scene: an explicit `duration`; else `intrinsicDurationTrackReference` (the referenced track's
 *   explicit or intrinsic length, plus its gaps); else inferred from the single track that has an
 *   explicit or intrinsic length (none or several is an error on `scenes[i]`);
 * - track: explicit `duration`, else what `startTimeGap`/`endTimeGap` leave of the scene (for a
 *   track with media, at most its intrinsic length), else its intrinsic length, else the whole
 *   scene; a track with a duration and both gaps that disagree with the scene is over-constrained;
 * - everything is cut at the scene's end.
 * Pure. Throws TimelineValidationError listing every problem with its path.
 */
export function resolveTimings(timeline: Timeline, intrinsic: IntrinsicLookup): ResolvedTimeline {
  const issues: TimelineIssue[] = [];
  const lookup = (track: Track, si: number, ti: number): number | null => {
    if (!hasIntrinsicDuration(track)) return null;
    const n = typeof intrinsic === "function" ? intrinsic(track, { scene: si, track: ti }) : "src" in track && track.src ? intrinsic.get(track.src) : null;
    return n && n > 0 ? Math.round(n) : null;
  };

  const scenes = timeline.scenes.map((scene, si) => {
    const at = (...rest: Array<string | number>) => ["scenes", si, ...rest];
    const media = scene.tracks.map((t, ti) => lookup(t, si, ti));
    const own = scene.tracks.map((t, ti) => t.duration ?? media[ti]);
    const span = (ti: number) => (scene.tracks[ti].startTimeGap ?? 0) + own[ti]! + (scene.tracks[ti].endTimeGap ?? 0);
    let durationMs = 0;
    let driver = -1;
    if (scene.duration !== undefined) {
      durationMs = scene.duration;
      if (scene.intrinsicDurationTrackReference !== undefined) {
        issues.push({ path: at("intrinsicDurationTrackReference"), message: "set either duration or intrinsicDurationTrackReference, not both" });
      }
    } else if (scene.intrinsicDurationTrackReference !== undefined) {
      const ref = scene.intrinsicDurationTrackReference;
      const ti = scene.tracks.findIndex((t) => t.referenceId === ref);
      if (ti < 0) issues.push({ path: at("intrinsicDurationTrackReference"), message: `no track in this scene has referenceId "${ref}"` });
      else if (own[ti] === null) {
        issues.push({
          path: at("intrinsicDurationTrackReference"),
          message: `track "${ref}" (tracks[${ti}]) has neither an explicit nor an intrinsic duration`,
        });
      } else [driver, durationMs] = [ti, span(ti)];
    } else {
      const timed = own.flatMap((n, ti) => (n === null ? [] : [ti]));
      if (timed.length === 1) [driver, durationMs] = [timed[0], span(timed[0])];
      else if (timed.length === 0) {
        issues.push({
          path: at(),
          message:
            "duration undetermined: set duration or intrinsicDurationTrackReference, or give exactly one track a duration or media with a length (video, actor, audio)",
        });
      } else {
        issues.push({
          path: at(),
          message: `duration ambiguous: tracks ${timed.map((t) => `[${t}]`).join(", ")} all have a length; set duration or intrinsicDurationTrackReference`,
        });
      }
    }

    const tracks = scene.tracks.map((track, ti): ResolvedTrack => {
      const { startTimeGap: sg, endTimeGap: eg, duration: d } = track;
      let startMs = sg ?? 0;
      let length: number;
      if (ti === driver) {
        length = own[ti]!;
      } else if (d !== undefined) {
        if (sg !== undefined && eg !== undefined && durationMs > 0 && sg + d + eg !== durationMs) {
          issues.push({
            path: at("tracks", ti, "duration"),
            message: `over-constrained: startTimeGap ${sg} + duration ${d} + endTimeGap ${eg} != scene ${durationMs} ms; drop one of them`,
          });
        }
        if (sg === undefined && eg !== undefined) startMs = Math.max(0, durationMs - eg - d);
        // Media that ends before the duration you asked for ends the track early (Colossyan).
        length = media[ti] !== null ? Math.min(d, media[ti]) : d;
      } else if (sg !== undefined || eg !== undefined) {
        const room = durationMs - startMs - (eg ?? 0);
        length = media[ti] !== null ? Math.min(room, media[ti]) : room;
      } else {
        length = media[ti] ?? durationMs;
      }
      if (durationMs > 0 && startMs >= durationMs) {
        issues.push({ path: at("tracks", ti, "startTimeGap"), message: `starts at ${startMs} ms, after its scene ends (${durationMs} ms)` });
      } else if (durationMs > 0 && length <= 0) {
        issues.push({ path: at("tracks", ti, "startTimeGap"), message: "the gaps leave no time for this track in its scene" });
      }
      return { track, index: ti, startMs, durationMs: Math.max(0, Math.min(length, durationMs - startMs)) };
    });
    return { scene, durationMs, tracks };
  });

  let cursor = 0;
  const out: ResolvedScene[] = scenes.map((s, si) => {
    const t = s.scene.transition;
    const next = scenes[si + 1];
    let overlapMs = 0;
    if (t && t.type === "fade" && s.durationMs > 0 && t.duration > s.durationMs) {
      issues.push({ path: ["scenes", si, "transition", "duration"], message: "the fade is longer than the scene" });
    } else if (t && isOverlapTransition(t.type) && next && t.duration > 0) {
      if (s.durationMs > 0 && next.durationMs > 0 && t.duration >= Math.min(s.durationMs, next.durationMs)) {
        issues.push({ path: ["scenes", si, "transition", "duration"], message: `a ${t.type} must be shorter than both scenes it joins` });
      } else overlapMs = t.duration;
    }
    const r = { ...s, startMs: cursor, overlapMs };
    cursor += s.durationMs - overlapMs;
    return r;
  });
  if (issues.length) throw new TimelineValidationError(issues);
  return { settings: timeline.settings, scenes: out, durationMs: cursor };
}

/**
 * Looks up the intrinsic length of every audio/video source (once per distinct src) and
 * resolves the timeline's timing. `intrinsic` returns null when a length is unknown.
 */
export async function resolveTimeline(timeline: Timeline, intrinsic: (src: string) => Promise<number | null>): Promise<ResolvedTimeline> {
  const srcs = new Set(timeline.scenes.flatMap((s) => s.tracks.filter(hasIntrinsicDuration).flatMap((t) => ("src" in t && t.src ? [t.src] : []))));
  const lengths = new Map<string, number | null>();
  await Promise.all([...srcs].map(async (src) => lengths.set(src, await intrinsic(src))));
  return resolveTimings(timeline, lengths);
}
