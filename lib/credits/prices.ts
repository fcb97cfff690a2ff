/**
 * The one price table: what each kind of work costs in credits. Estimates, reservations, the API
 * dialects and the pages all read it from here.
 */
export const PRICES = {
  /** A story scene, per second of generated video (the scene-projects seed: 100 credits for a 10 s scene). */
  storyCreditsPerSecond: 10,
  /** A timeline render (video-generation job, template job, the editor), per started minute of output. */
  timelineCreditsPerMinute: 10,
  /** Draft previews (at most 540p) of a timeline, per started minute. */
  timelineDraftCreditsPerMinute: 0,
  /** An avatar render (a character speaking a script, a bulk reel), per second of rendered video, whole seconds rounded up. */
  avatarCreditsPerSecond: 10,
  /** Draft avatar renders (at most 540 rows high, a bulk batch's quality=draft), per second: previews are free, as timeline drafts are. */
  avatarDraftCreditsPerSecond: 0,
  /** Upscaling a finished project (free, as the scene-projects seed has it). */
  upscale: 0,
  /** Cloning a voice from a sample. */
  voiceClone: 0,
  /** Transcribing captions (the render's narration or the configured transcriber). */
  captions: 0,
  /** A studio render (the Holoworld-style render payload), per scene, in hundredths of a credit: 0.3 credits. */
  studioSceneHundredths: 30,
  /** A studio render's captions, per scene that has them, in hundredths: 0.1 credits more. */
  studioCaptionedSceneHundredths: 10,
} as const;

/**
 * What a studio render costs (the Holoworld seed): 0.3 credits a scene, 0.1 more a scene with
 * captions. Exact, in hundredths of a credit (the ledger's unit); `credits` for display.
 */
export function studioPrice(scenes: number, opts: { captions: boolean }): { scenes: number; hundredths: number; credits: number } {
  const perScene = PRICES.studioSceneHundredths + (opts.captions ? PRICES.studioCaptionedSceneHundredths : 0);
  const hundredths = scenes * perScene;
  return { scenes, hundredths, credits: hundredths / 100 };
}

/**
 * Burning captions into a video is a render of the whole video: priced as a timeline render, per
 * started minute of output.
 */
export function burnInPrice(durationMs: number): { minutes: number; credits: number } {
  return timelinePrice(durationMs);
}

/** What a timeline render of `durationMs` costs: per started minute of output. */
export function timelinePrice(durationMs: number, opts: { draft?: boolean } = {}): { minutes: number; credits: number } {
  const minutes = Math.max(1, Math.ceil(durationMs / 60_000));
  const rate = opts.draft ? PRICES.timelineDraftCreditsPerMinute : PRICES.timelineCreditsPerMinute;
  return { minutes, credits: minutes * rate };
}

/** What an avatar render of `durationMs` costs: per second, a started second counting whole. */
export function avatarPrice(durationMs: number, opts: { draft?: boolean } = {}): { seconds: number; credits: number } {
  const seconds = Math.max(1, Math.ceil(durationMs / 1000 - 1e-9));
  return { seconds, credits: seconds * (opts.draft ? PRICES.avatarDraftCreditsPerSecond : PRICES.avatarCreditsPerSecond) };
}
