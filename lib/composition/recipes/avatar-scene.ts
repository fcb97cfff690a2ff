import type { Track } from "../timeline";

/** Whether a story scene is told by the character to camera (the project's first/last-scene options). */
export function isAvatarScene(project: { useAvatarFirstScene: boolean; useAvatarLastScene: boolean }, sceneNumber: number, sceneCount: number) {
  return (project.useAvatarFirstScene && sceneNumber === 1) || (project.useAvatarLastScene && sceneNumber === sceneCount);
}

export interface AvatarSceneInput {
  width: number;
  height: number;
  durationMs: number;
  /** The scene's painted frame, behind the speaker. */
  backgroundSrc: string;
  /** The character, as the renderer's resolveActor knows it. */
  actor: string;
  /** The narration the character speaks. */
  speechSrc: string;
}

/**
 * A talking head's tracks: the scene's frame (painted without the character: see
 * sceneFramePhotoPath, so they appear once) and the character's animated photo speaking the
 * narration over it, full body: cut out where the photo stands on a plain backdrop, else the
 * whole photo in a soft frame, rather than a crop that could cut an arbitrary photo's face.
 */
export function avatarSceneTracks(input: AvatarSceneInput): Track[] {
  const even = (n: number) => 2 * Math.round(n / 2);
  const boxHeight = even(input.height * 0.78);
  const boxWidth = even(Math.min(input.width * 0.9, boxHeight * 0.8));
  const bottomMargin = even(input.height * 0.06);
  return [
    { type: "image", src: input.backgroundSrc, fit: "cover" },
    {
      type: "actor",
      actor: input.actor,
      variant: "full_body",
      src: input.speechSrc,
      // On screen for the whole scene, not just while speaking.
      duration: input.durationMs,
      position: { x: Math.round((input.width - boxWidth) / 2), y: input.height - boxHeight - bottomMargin },
      size: { width: boxWidth, height: boxHeight },
    },
  ];
}
