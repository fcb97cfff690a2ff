import { routeWith, type DialectWords } from "../route";

/**
 * The twin.actor dialect's error words: FastAPI's `{ "detail": ... }` (lib/api/route.ts) with the
 * domain's fields and nouns in this dialect's terms (a character is a "person" here).
 */
export const twinActorWords: DialectWords = {
  fields: {
    characterId: "person_id",
    storyIdea: "story_idea",
    numScenes: "num_scenes",
    useAvatarFirstScene: "use_avatar_first_scene",
    useAvatarLastScene: "use_avatar_last_scene",
    imagePrompt: "image_prompt",
    motionPrompt: "motion_prompt",
    narrationText: "narration_text",
    confirmCredits: "confirm_credits",
    regenerateImage: "regenerate_image",
    regenerateVideo: "regenerate_video",
    updatedImagePrompt: "updated_image_prompt",
    updatedMotionPrompt: "updated_motion_prompt",
    photo: "photo_base64",
    voiceSample: "audio_file",
  },
  // "character-12" is an actor name in another dialect, never a noun: leave it alone.
  nouns: [
    [/\bCharacter(s?)\b(?!-)/g, "Person$1"],
    // "at most 1000 characters" counts letters: a number before it keeps the word.
    [/(?<!\d )\bcharacter(s?)\b(?!-)/g, "person$1"],
  ],
};

/** Route wrapper of the twin.actor endpoints: errors in its words. */
export const route = routeWith(twinActorWords);
