import type { PublishPlatform } from "@/db/schema/social";
import { POST_CAPTION_MAX, POST_SCRIPT_MAX, POST_TITLE_MAX } from "@/lib/validation/posts";
import type { AccountChoice, PostView } from "./types";

/** The key of the built-in channel among a form's targets (the others are account ids). */
export const CHANNEL = "channel";

/** What the post dialog edits; `captions` holds only the captions the creator wrote (the rest follow the title). */
export interface PostFormValues {
  characterId: number | null;
  title: string;
  /** A datetime-local value, in the browser's time zone: "2026-05-01T10:00". */
  when: string;
  videoId: string | null;
  script: string;
  targets: string[];
  captions: Partial<Record<PublishPlatform, string>>;
}

export type PostFormErrors = Partial<Record<"characterId" | "title" | "when" | "targets" | "videoId" | "script" | "captions" | `captions.${string}`, string>>;

const pad = (n: number) => String(n).padStart(2, "0");

/** A moment as a datetime-local value in the browser's zone. */
export function toLocalInput(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (local time) as a moment, or null when it is not one. */
export function fromLocalInput(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(s.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const date = new Date(y, mo - 1, d, h, mi);
  return date.getMonth() === mo - 1 && date.getDate() === d ? date : null;
}

/** The next full hour after `now`. */
export function nextHour(now: Date): Date {
  const d = new Date(now);
  d.setMinutes(0, 0, 0);
  d.setHours(d.getHours() + 1);
  return d;
}

/**
 * When a post made from a clicked slot is scheduled: the slot's own time in the week and day
 * views; a day of the month view at 10:00, or the next full hour when that has passed today.
 */
export function slotTime(clicked: Date, allDay: boolean, now: Date): Date {
  if (!allDay) return clicked;
  const at = new Date(clicked);
  at.setHours(10, 0, 0, 0);
  const sameDay = at.toDateString() === now.toDateString();
  return sameDay && at <= now ? nextHour(now) : at;
}

export function emptyForm(at: Date, characterId: number | null): PostFormValues {
  return { characterId, title: "", when: toLocalInput(at), videoId: null, script: "", targets: [CHANNEL], captions: {} };
}

/** The form of an existing post (its edit). */
export function formOf(post: PostView): PostFormValues {
  return {
    characterId: post.characterId,
    title: post.title,
    when: toLocalInput(new Date(post.scheduledAt)),
    videoId: post.videoId,
    script: post.script,
    targets: post.targets.map((t) => t.accountId ?? CHANNEL),
    captions: post.captions,
  };
}

/** The platforms the chosen targets publish to, in the order chosen, once each. */
export function platformsOf(targets: string[], accounts: Pick<AccountChoice, "id" | "platform">[]): PublishPlatform[] {
  const out: PublishPlatform[] = [];
  for (const key of targets) {
    const p = key === CHANNEL ? "channel" : accounts.find((a) => a.id === key)?.platform;
    if (p && !out.includes(p)) out.push(p);
  }
  return out;
}

const length = (s: string) => [...s.trim()].length;

/** What is wrong with the form, field by field, in the creator's words; empty when it can be sent. */
export function validatePostForm(v: PostFormValues, now: Date): PostFormErrors {
  const e: PostFormErrors = {};
  if (!v.characterId) e.characterId = "Choose the character who posts it";
  if (!v.title.trim()) e.title = "Give the post a title";
  else if (length(v.title) > POST_TITLE_MAX) e.title = `Keep the title to ${POST_TITLE_MAX} characters`;
  const at = fromLocalInput(v.when);
  if (!at) e.when = "Choose a date and a time";
  else if (at.getTime() < now.getTime() - 60_000) e.when = "That time has passed: choose one from now on";
  if (!v.targets.length) e.targets = "Choose at least one place to publish";
  if (length(v.script) > POST_SCRIPT_MAX) e.script = `Keep the script to ${POST_SCRIPT_MAX} characters`;
  for (const [p, c] of Object.entries(v.captions))
    if (c && length(c) > POST_CAPTION_MAX) e[`captions.${p}`] = `Keep the caption to ${POST_CAPTION_MAX} characters`;
  return e;
}

/** The form as the server action's input (postInput): the time in ISO UTC, captions only for the chosen platforms. */
export function toPostInput(v: PostFormValues, accounts: Pick<AccountChoice, "id" | "platform">[]) {
  const platforms = platformsOf(v.targets, accounts);
  const captions = Object.fromEntries(platforms.filter((p) => v.captions[p]?.trim()).map((p) => [p, v.captions[p]!])) as Partial<
    Record<PublishPlatform, string>
  >;
  return {
    characterId: v.characterId ?? 0,
    title: v.title,
    script: v.script,
    videoId: v.videoId,
    scheduledAt: fromLocalInput(v.when)?.toISOString() ?? "",
    targets: v.targets.map((key) =>
      key === CHANNEL ? { platform: "channel" as const, accountId: null } : { platform: accounts.find((a) => a.id === key)!.platform, accountId: key },
    ),
    captions,
  };
}

/** A server's field error as the form shows it: under the field the creator knows, without the API's field names. */
export function formFieldError(field: string, message: string): [keyof PostFormErrors, string] | null {
  const reworded = message
    .replace(/^scheduledAt is in the past: choose a time from now on$/, "That time has passed: choose one from now on")
    .replace(/\bscheduledAt\b/g, "the time");
  if (field === "scheduledAt") return ["when", reworded];
  if (field === "targets" || field === "platform" || field === "accountId" || /^targets\./.test(field)) return ["targets", reworded];
  if (field.startsWith("captions")) return [field as keyof PostFormErrors, reworded];
  if (field === "title" || field === "videoId" || field === "characterId" || field === "script") return [field, reworded];
  return null;
}
