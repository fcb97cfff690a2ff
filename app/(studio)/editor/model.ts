/**
 * The editor's client-side model of a Colossyan `videoCreative`. Scenes and tracks carry a `key`
 * for React only; `toVideoCreative` strips it (and empty fields) to produce the API body.
 */

export const TRACK_TYPES = ["actor", "text", "image", "video", "audio", "captions"] as const;
export type TrackType = (typeof TRACK_TYPES)[number];
export const TRACK_LABELS: Record<TrackType, string> = {
  actor: "Actor",
  text: "Text",
  image: "Image",
  video: "Video",
  audio: "Audio",
  captions: "Captions",
};
export const VARIANTS = ["full_body", "bubble", "shoulder"] as const;
export type Variant = (typeof VARIANTS)[number];
export const TRANSITIONS = ["none", "fade", "wipeleft", "wiperight", "slideleft", "slideup", "dissolve", "circleopen"] as const;
export type TransitionType = (typeof TRANSITIONS)[number];
export const SIZE_PRESETS = [
  { id: "16:9", width: 1920, height: 1080 },
  { id: "9:16", width: 1080, height: 1920 },
  { id: "1:1", width: 1080, height: 1080 },
  { id: "4:5", width: 1080, height: 1350 },
] as const;

export interface CharacterOption {
  /** The actor id used in tracks: `character-<id>`. */
  id: string;
  name: string;
  photoUrl: string | null;
}
export interface VoiceOption {
  /** The speakerId. */
  name: string;
  displayName: string;
}

export interface EditorTrack {
  key: string;
  type: TrackType;
  position?: { x: number; y: number };
  size?: { width: number; height: number };
  rotation?: number;
  referenceId?: string;
  duration?: number;
  startTimeGap?: number;
  endTimeGap?: number;
  // actor
  actor?: string;
  variant?: Variant;
  text?: string;
  speakerId?: string;
  audioUrl?: string;
  // media
  imageUrl?: string;
  fit?: "cover" | "contain" | "fill";
  videoUrl?: string;
  volume?: number;
  loop?: boolean;
  // text
  fontSize?: number;
  color?: string;
  alignment?: "left" | "center" | "right";
  // captions
  sourceTrackReference?: string;
  style?: { fontSize?: number; color?: string; position?: "bottom" | "center" | "top" };
}

export interface EditorScene {
  key: string;
  name?: string;
  duration?: number;
  intrinsicDurationTrackReference?: string;
  transition?: { type: TransitionType; duration: number };
  tracks: EditorTrack[];
}

export interface EditorSettings {
  name: string;
  videoSize: { width: number; height: number };
  backgroundColor?: string;
  alphaChannel?: boolean;
}

export interface EditorCreative {
  settings: EditorSettings;
  scenes: EditorScene[];
}

let counter = 0;
/** Not crypto.randomUUID: it is missing on plain-http LAN origins, where self-hosters often run. */
export const newKey = () => `k${++counter}-${Math.random().toString(36).slice(2, 8)}`;

export function newTrack(type: TrackType, ctx: { characters: CharacterOption[]; voices: VoiceOption[]; size: { width: number; height: number } }): EditorTrack {
  const key = newKey();
  const { width: W, height: H } = ctx.size;
  switch (type) {
    case "actor": {
      const side = Math.round(Math.min(W, H) * 0.9);
      return {
        key,
        type,
        actor: ctx.characters[0]?.id ?? "",
        variant: "full_body",
        text: "Hi {name}, welcome to our studio!",
        speakerId: ctx.voices[0]?.name,
        referenceId: "speech",
        position: { x: Math.round((W - side) / 2), y: H - side },
        size: { width: side, height: side },
      };
    }
    case "text":
      return { key, type, text: "Hello {name}!", fontSize: 72, color: "#ffffff", alignment: "center" };
    case "image":
      return { key, type, imageUrl: "", position: { x: 0, y: 0 }, size: { width: W, height: H } };
    case "video":
      return { key, type, videoUrl: "", volume: 1, position: { x: 0, y: 0 }, size: { width: W, height: H } };
    case "audio":
      return { key, type, audioUrl: "", volume: 1 };
    case "captions":
      return { key, type, sourceTrackReference: "speech", style: { position: "bottom", fontSize: 48, color: "#ffffff" } };
  }
}

export function newScene(n: number, tracks: EditorTrack[]): EditorScene {
  return { key: newKey(), name: `Scene ${n}`, tracks, transition: { type: "none", duration: 0 } };
}

export function defaultCreative(characters: CharacterOption[], voices: VoiceOption[]): EditorCreative {
  const size = { width: 1920, height: 1080 };
  const first = characters.length ? newTrack("actor", { characters, voices, size }) : { ...newTrack("text", { characters, voices, size }), duration: 4000 };
  const scene = newScene(1, [first]);
  if (first.type === "actor") scene.intrinsicDurationTrackReference = "speech";
  return { settings: { name: "Untitled video", videoSize: size, backgroundColor: "#101828" }, scenes: [scene] };
}

/** `{name}` placeholders, in order of first appearance. */
export function detectVariables(c: EditorCreative): string[] {
  const out = new Set<string>();
  for (const s of c.scenes)
    for (const t of s.tracks)
      if ((t.type === "actor" || t.type === "text") && t.text) for (const m of t.text.matchAll(/\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g)) out.add(m[1]);
  return [...out];
}

export function fillVariables(text: string, vars: Record<string, string>): string {
  return text.replace(/\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g, (all, name: string) => (vars[name] ? vars[name] : all));
}

function clean(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clean);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v)) {
      if (k === "key" || val === undefined || val === "" || (typeof val === "number" && Number.isNaN(val))) continue;
      const c = clean(val);
      if (c && typeof c === "object" && !Array.isArray(c) && Object.keys(c).length === 0) continue;
      out[k] = c;
    }
    return out;
  }
  return v;
}

/** The exact `videoCreative` the API accepts. */
export function toVideoCreative(c: EditorCreative): Record<string, unknown> {
  return clean({
    settings: c.settings,
    scenes: c.scenes.map((s) => ({
      ...s,
      transition: s.transition && s.transition.type !== "none" ? s.transition : undefined,
    })),
  }) as Record<string, unknown>;
}

export function referenceIds(scene: EditorScene): string[] {
  return [...new Set(scene.tracks.map((t) => t.referenceId).filter((r): r is string => !!r))];
}

type Parsed = { creative: EditorCreative; dynamicVariables: Record<string, string> };

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/**
 * Reads a POST /api/v1/video-generation-jobs body, or a bare videoCreative, into the editor.
 * Throws an Error whose message names the offending path.
 */
export function parseImport(text: string): Parsed {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`Not valid JSON: ${e instanceof Error ? e.message : "parse error"}`);
  }
  if (!isObj(raw)) throw new Error("Expected a JSON object: a job body { videoCreative, dynamicVariables } or a videoCreative");
  const body = isObj(raw.videoCreative) ? raw : { videoCreative: raw };
  const vc = body.videoCreative as Record<string, unknown>;
  const dynamicVariables: Record<string, string> = {};
  if (body.dynamicVariables != null) {
    if (!isObj(body.dynamicVariables)) throw new Error("dynamicVariables must be an object of strings");
    for (const [k, v] of Object.entries(body.dynamicVariables)) dynamicVariables[k] = String(v);
  }
  if (!Array.isArray(vc.scenes)) throw new Error("videoCreative.scenes must be an array");
  const settings = isObj(vc.settings) ? vc.settings : {};
  const size = isObj(settings.videoSize) ? settings.videoSize : {};
  const scenes = vc.scenes.map((s, i): EditorScene => {
    if (!isObj(s)) throw new Error(`videoCreative.scenes[${i}] must be an object`);
    if (!Array.isArray(s.tracks)) throw new Error(`videoCreative.scenes[${i}].tracks must be an array`);
    const tracks = s.tracks.map((t, j): EditorTrack => {
      if (!isObj(t)) throw new Error(`videoCreative.scenes[${i}].tracks[${j}] must be an object`);
      if (!TRACK_TYPES.includes(t.type as TrackType)) throw new Error(`videoCreative.scenes[${i}].tracks[${j}].type must be one of ${TRACK_TYPES.join(", ")}`);
      return { ...(t as unknown as EditorTrack), key: newKey() };
    });
    return { ...(s as unknown as EditorScene), tracks, key: newKey() };
  });
  return {
    creative: {
      settings: {
        ...(settings as unknown as EditorSettings),
        name: typeof settings.name === "string" ? settings.name : "Imported video",
        videoSize: {
          width: typeof size.width === "number" ? size.width : 1920,
          height: typeof size.height === "number" ? size.height : 1080,
        },
      },
      scenes,
    },
    dynamicVariables,
  };
}

/**
 * Finds `scenes[i]` / `tracks[j]` in a server message like `scenes[0].tracks[1].text: too long`,
 * with the field it names (`text`: the first name after them) and what it says of it.
 */
export function locateError(message: string): { scene: number; track?: number; field?: string; text: string } | null {
  const m = /scenes\[(\d+)\](?:\.tracks\[(\d+)\])?(?:\.([A-Za-z]+))?[^:]*:\s*([\s\S]*)$/.exec(message) ?? /scenes\[(\d+)\](?:\.tracks\[(\d+)\])?/.exec(message);
  if (!m) return null;
  return { scene: Number(m[1]), track: m[2] != null ? Number(m[2]) : undefined, field: m[3] ?? undefined, text: m[4] ?? message };
}

const FIELD_WORDS: Record<string, string> = {
  imageUrl: "the image",
  videoUrl: "the video",
  audioUrl: "the sound",
  src: "the file",
  duration: "the length",
  intrinsicDurationTrackReference: "the track the scene follows",
  text: "the text",
  position: "the position",
  size: "the size",
  fontSize: "the font size",
  actor: "the actor",
  speakerId: "the voice",
  transition: "the transition",
  videoSize: "the video size",
};

/**
 * A render refusal in the creator's words: "videoCreative.scenes[0].tracks[1].imageUrl: ..."
 * becomes "Scene 1 (Intro), Image track 2, the image: ...". Anything it does not recognise is
 * kept as it came.
 */
export function creatorWords(message: string, creative: EditorCreative): string {
  const m = /^(?:videoCreative\.)?(?:scenes\[(\d+)\](?:\.tracks\[(\d+)\])?|settings)(?:\.([A-Za-z]+))?[^:]*:\s*([\s\S]*)$/.exec(message);
  if (!m) return message;
  const [, sceneAt, trackAt, field, rest] = m;
  const parts: string[] = [];
  if (sceneAt === undefined) parts.push("Video settings");
  else {
    const scene = creative.scenes[Number(sceneAt)];
    parts.push(`Scene ${Number(sceneAt) + 1}${scene?.name ? ` (${scene.name})` : ""}`);
    if (trackAt !== undefined) {
      const track = scene?.tracks[Number(trackAt)];
      parts.push(`${track ? TRACK_LABELS[track.type] : "Track"} track ${Number(trackAt) + 1}`);
    }
  }
  if (field) parts.push(FIELD_WORDS[field] ?? field);
  return `${parts.join(", ")}: ${rest}`;
}

export function move<T>(list: T[], index: number, dir: -1 | 1): T[] {
  const to = index + dir;
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  const [it] = next.splice(index, 1);
  next.splice(to, 0, it);
  return next;
}
