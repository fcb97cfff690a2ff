/**
 * The Studio page's draft: a short video of at most five scenes, each a character speaking a line
 * in front of a background, placed by x, y (the avatar's centre, percent of the frame) and scale.
 * Pure, so the reducer and the checks before Render are tested without a browser.
 */

import { STUDIO_LIMITS, type StudioAspectRatio, type StudioRenderInput } from "@/lib/validation/studio-render";

export const MAX_SCENES = STUDIO_LIMITS.maxScenes;
/** The seed's advice: "try to keep the text under 200 characters per scene". Longer is allowed. */
export const ADVISED_TEXT_LENGTH = STUDIO_LIMITS.adviseTextChars;
/** What one scene's text may hold at most (the server refuses more). */
export const MAX_TEXT_LENGTH = STUDIO_LIMITS.maxTextChars;
export const SCALE_MIN = STUDIO_LIMITS.minScale;
export const SCALE_MAX = STUDIO_LIMITS.maxScale;

export type AspectRatio = StudioAspectRatio;

/** A chosen background: what the payload sends (`source`) and what the preview shows. */
export interface StudioBackground {
  source: string;
  previewUrl: string;
  /** A small picture for lists and galleries; the preview when there is none. */
  thumbUrl?: string;
  label: string;
  /** Built-in backgrounds are made for one aspect ratio; uploads and paintings have none. */
  aspectRatio?: AspectRatio;
}

export interface StudioScene {
  key: string;
  text: string;
  background: StudioBackground | null;
  characterId: number | null;
  includeOutro: boolean;
  scale: number;
  x: number;
  y: number;
}

export interface StudioDraft {
  aspectRatio: AspectRatio;
  captions: boolean;
  brainrot: boolean;
  /** The looping clip under a brainrot video's scenes (a built-in's source); null: the default one. */
  brainrotClip: string | null;
  scenes: StudioScene[];
  selected: string;
}

export type StudioAction =
  | { type: "add" }
  | { type: "remove"; key: string }
  | { type: "move"; key: string; by: -1 | 1 }
  | { type: "select"; key: string }
  | { type: "scene"; key: string; patch: Partial<Omit<StudioScene, "key">> }
  | { type: "video"; patch: Partial<Pick<StudioDraft, "captions" | "brainrot" | "brainrotClip">> }
  /** The built-in gallery comes along so built-in backgrounds follow the new ratio. */
  | { type: "aspect"; aspectRatio: AspectRatio; gallery: ReadonlyArray<StudioBackground> };

let counter = 0;
const newKey = () => `scene-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** Where a new avatar stands: centred, a little low, a bit larger than the seed's usual 1.0 (half the frame). */
export const DEFAULT_PLACEMENT = { scale: 1.2, x: 50, y: 62 } as const;

export function newScene(from?: StudioScene): StudioScene {
  return {
    key: newKey(),
    text: "",
    // A new scene keeps the look of the one before: same character, background and placement.
    background: from?.background ?? null,
    characterId: from?.characterId ?? null,
    includeOutro: false,
    scale: from?.scale ?? DEFAULT_PLACEMENT.scale,
    x: from?.x ?? DEFAULT_PLACEMENT.x,
    y: from?.y ?? DEFAULT_PLACEMENT.y,
  };
}

export function initialDraft(characterId: number | null): StudioDraft {
  const first = { ...newScene(), characterId };
  return { aspectRatio: "9:16", captions: true, brainrot: false, brainrotClip: null, scenes: [first], selected: first.key };
}

export const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
/** Percentages keep one decimal; scale two. */
export const roundTo = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

function cleanPatch(patch: Partial<Omit<StudioScene, "key">>): Partial<Omit<StudioScene, "key">> {
  const out = { ...patch };
  if (out.x !== undefined) out.x = roundTo(clamp(out.x, 0, 100), 1);
  if (out.y !== undefined) out.y = roundTo(clamp(out.y, 0, 100), 1);
  if (out.scale !== undefined) out.scale = roundTo(clamp(out.scale, SCALE_MIN, SCALE_MAX), 2);
  return out;
}

export function studioReducer(state: StudioDraft, action: StudioAction): StudioDraft {
  switch (action.type) {
    case "add": {
      if (state.scenes.length >= MAX_SCENES) return state;
      const i = state.scenes.findIndex((s) => s.key === state.selected);
      const scene = newScene(state.scenes[i] ?? state.scenes.at(-1));
      const scenes = [...state.scenes];
      scenes.splice(i < 0 ? scenes.length : i + 1, 0, scene);
      return { ...state, scenes, selected: scene.key };
    }
    case "remove": {
      if (state.scenes.length <= 1) return state;
      const i = state.scenes.findIndex((s) => s.key === action.key);
      if (i < 0) return state;
      const scenes = state.scenes.filter((s) => s.key !== action.key);
      const selected = state.selected === action.key ? scenes[Math.min(i, scenes.length - 1)].key : state.selected;
      return { ...state, scenes, selected };
    }
    case "move": {
      const i = state.scenes.findIndex((s) => s.key === action.key);
      const j = i + action.by;
      if (i < 0 || j < 0 || j >= state.scenes.length) return state;
      const scenes = [...state.scenes];
      [scenes[i], scenes[j]] = [scenes[j], scenes[i]];
      return { ...state, scenes };
    }
    case "select":
      return state.scenes.some((s) => s.key === action.key) ? { ...state, selected: action.key } : state;
    case "scene":
      return { ...state, scenes: state.scenes.map((s) => (s.key === action.key ? { ...s, ...cleanPatch(action.patch) } : s)) };
    case "video":
      return { ...state, ...action.patch };
    case "aspect": {
      const next = { ...state, aspectRatio: action.aspectRatio };
      return { ...next, scenes: matchBackgrounds(next, action.gallery) };
    }
  }
}

/** Why a scene cannot be rendered yet, in the creator's words (empty when it can). */
export function sceneProblems(scene: StudioScene, characterIds: ReadonlySet<number>): string[] {
  const out: string[] = [];
  if (!scene.text.trim()) out.push("write what the character says");
  else if (scene.text.trim().length > MAX_TEXT_LENGTH) out.push(`shorten the text to ${MAX_TEXT_LENGTH} characters`);
  if (!scene.background) out.push("choose a background");
  if (!scene.characterId || !characterIds.has(scene.characterId)) out.push("choose a character");
  return out;
}

/** Every scene's problems, "Scene 2: choose a background", in scene order. */
export function draftProblems(draft: StudioDraft, characterIds: ReadonlySet<number>): string[] {
  return draft.scenes.flatMap((s, i) => {
    const p = sceneProblems(s, characterIds);
    return p.length ? [`Scene ${i + 1}: ${p.join(", ")}`] : [];
  });
}

/** A built-in background made for the other aspect ratio is swapped for the same-numbered one of this ratio. */
export function matchBackgrounds(draft: StudioDraft, gallery: ReadonlyArray<StudioBackground>): StudioScene[] {
  return draft.scenes.map((s) => {
    const bg = s.background;
    if (!bg?.aspectRatio || bg.aspectRatio === draft.aspectRatio) return s;
    const own = gallery.filter((g) => g.aspectRatio === bg.aspectRatio);
    const other = gallery.filter((g) => g.aspectRatio === draft.aspectRatio);
    const i = own.findIndex((g) => g.source === bg.source);
    const swap = other[i] ?? other[0];
    return swap ? { ...s, background: swap } : s;
  });
}

/** The draft as the service's render input (incomplete scenes included: the server says what is missing). */
export function toRenderInput(draft: StudioDraft): StudioRenderInput {
  return {
    aspectRatio: draft.aspectRatio,
    captions: draft.captions,
    brainrot: draft.brainrot,
    ...(draft.brainrot && draft.brainrotClip ? { brainrotClip: draft.brainrotClip } : {}),
    scenes: draft.scenes.map((s) => ({
      text: s.text.trim(),
      backgroundSource: s.background?.source ?? "",
      includeOutro: s.includeOutro,
      characterId: s.characterId ?? 0,
      scale: s.scale,
      x: s.x,
      y: s.y,
    })),
  };
}

export type SceneField = "text" | "background" | "character" | "placement";

const FIELD_OF: Record<string, SceneField> = {
  text: "text",
  backgroundSource: "background",
  characterId: "character",
  x: "placement",
  y: "placement",
  scale: "placement",
};
const WORDS: Array<[RegExp, string]> = [
  [/\bbackgroundSource\b/g, "the background"],
  [/\bcharacterId\b/g, "the character"],
  [/^text\b/, "the text"],
];

/** A service message in the creator's words: without its field path, the field named as the page names it, as a sentence. */
export function creatorWords(message: string): string {
  let out = message.replace(/^(?:scenes\.\d+\.)?\w+: /, "");
  for (const [re, words] of WORDS) out = out.replace(re, words);
  return out.charAt(0).toUpperCase() + out.slice(1);
}

/**
 * The server's field errors ("scenes.1.characterId") by scene key and the page's field; what
 * names no scene field is returned as `other`. Messages come back in the creator's words.
 */
export function sceneErrors(
  fieldErrors: Record<string, string>,
  keys: string[],
): { byScene: Map<string, Partial<Record<SceneField, string>>>; other: string[] } {
  const byScene = new Map<string, Partial<Record<SceneField, string>>>();
  const other: string[] = [];
  for (const [path, message] of Object.entries(fieldErrors)) {
    const m = /^scenes\.(\d+)\.(\w+)/.exec(path);
    const key = m ? keys[Number(m[1])] : undefined;
    const field = m ? FIELD_OF[m[2]] : undefined;
    if (!key || !field) {
      other.push(creatorWords(message));
      continue;
    }
    const errors = byScene.get(key) ?? {};
    errors[field] ??= creatorWords(message);
    byScene.set(key, errors);
  }
  return { byScene, other };
}
