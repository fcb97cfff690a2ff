/**
 * The Studio page's draft: a short video of at most five scenes, each a character speaking a line
 * in front of a background, placed by x, y (the avatar's centre, percent of the frame) and scale.
 * Pure, so the reducer and the checks before Render are tested without a browser.
 */

export const MAX_SCENES = 5;
/** The seed's advice: "try to keep the text under 200 characters per scene". Longer is allowed. */
export const ADVISED_TEXT_LENGTH = 200;
/** What one scene's text may hold at most (the server refuses more). */
export const MAX_TEXT_LENGTH = 1000;
export const SCALE_MIN = 0.1;
export const SCALE_MAX = 2;

export type AspectRatio = "1/1" | "9/16";

/** A chosen background: what the payload sends (`source`) and what the preview shows. */
export interface StudioBackground {
  source: string;
  previewUrl: string;
  label: string;
  /** Built-in backgrounds are made for one aspect ratio; uploads and paintings have none. */
  aspectRatio?: AspectRatio;
}

export interface StudioScene {
  key: string;
  text: string;
  background: StudioBackground | null;
  characterId: string | null;
  includeOutro: boolean;
  scale: number;
  x: number;
  y: number;
}

export interface StudioDraft {
  aspectRatio: AspectRatio;
  withCaption: boolean;
  brainrot: boolean;
  scenes: StudioScene[];
  selected: string;
}

export type StudioAction =
  | { type: "add" }
  | { type: "remove"; key: string }
  | { type: "move"; key: string; by: -1 | 1 }
  | { type: "select"; key: string }
  | { type: "scene"; key: string; patch: Partial<Omit<StudioScene, "key">> }
  | { type: "video"; patch: Partial<Pick<StudioDraft, "withCaption" | "brainrot">> }
  /** The built-in gallery comes along so built-in backgrounds follow the new ratio. */
  | { type: "aspect"; aspectRatio: AspectRatio; gallery: ReadonlyArray<StudioBackground> };

let counter = 0;
const newKey = () => `scene-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** Where a new avatar stands: centred, in the lower part of the frame. */
export const DEFAULT_PLACEMENT = { scale: 1, x: 50, y: 60 } as const;

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

export function initialDraft(characterId: string | null): StudioDraft {
  const first = { ...newScene(), characterId };
  return { aspectRatio: "9/16", withCaption: true, brainrot: false, scenes: [first], selected: first.key };
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
export function sceneProblems(scene: StudioScene, characterIds: ReadonlySet<string>): string[] {
  const out: string[] = [];
  if (!scene.text.trim()) out.push("write what the character says");
  else if (scene.text.trim().length > MAX_TEXT_LENGTH) out.push(`shorten the text to ${MAX_TEXT_LENGTH} characters`);
  if (!scene.background) out.push("choose a background");
  if (!scene.characterId || !characterIds.has(scene.characterId)) out.push("choose a character");
  return out;
}

/** Every scene's problems, "Scene 2: choose a background", in scene order. */
export function draftProblems(draft: StudioDraft, characterIds: ReadonlySet<string>): string[] {
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

/** The draft as the render payload the seed documents (incomplete scenes included: the server says what is missing). */
export function toRenderPayload(draft: StudioDraft) {
  return {
    aspectRatio: draft.aspectRatio,
    withCaption: draft.withCaption,
    brainrot: draft.brainrot,
    scenes: draft.scenes.map((s) => ({
      text: s.text.trim(),
      background: { type: "image" as const, source: s.background?.source ?? "" },
      includeOutro: s.includeOutro,
      modelConfig: { id: s.characterId ?? "", scale: s.scale, x: s.x, y: s.y },
    })),
  };
}

export type SceneField = "text" | "background" | "character" | "placement";

/**
 * The server's field errors ("scenes.1.modelConfig.id") by scene key and the page's field; what
 * names no scene field is returned as `other`.
 */
export function sceneErrors(
  fieldErrors: Record<string, string>,
  keys: string[],
): { byScene: Map<string, Partial<Record<SceneField, string>>>; other: string[] } {
  const byScene = new Map<string, Partial<Record<SceneField, string>>>();
  const other: string[] = [];
  for (const [path, message] of Object.entries(fieldErrors)) {
    const m = /^(?:renderPayload\.)?scenes\.(\d+)\.(text|background|modelConfig)(?:\.(\w+))?/.exec(path);
    const key = m ? keys[Number(m[1])] : undefined;
    if (!m || !key) {
      other.push(message);
      continue;
    }
    const field: SceneField = m[2] === "text" ? "text" : m[2] === "background" ? "background" : m[3] === "id" ? "character" : "placement";
    const errors = byScene.get(key) ?? {};
    errors[field] ??= message;
    byScene.set(key, errors);
  }
  return { byScene, other };
}
