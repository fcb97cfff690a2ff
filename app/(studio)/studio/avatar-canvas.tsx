"use client";

import { ImageOff, UserRound } from "lucide-react";
import { useRef, useState, type CSSProperties } from "react";
import type { Box, Frame } from "@/lib/composition/layout";
import { HIGHLIGHT_COLOR, HIGHLIGHT_WORDS_PER_LINE } from "@/lib/render/ass";
import { cn } from "@/lib/utils";
import { SCALE_MAX, SCALE_MIN } from "./model";

export interface Placement {
  x: number;
  y: number;
  scale: number;
}

/** Within this many percent of the centre line, a dragged avatar snaps onto it. */
const SNAP = 1.5;

const percentOf = (b: Box, f: Frame): CSSProperties => ({
  left: `${(b.x / f.width) * 100}%`,
  top: `${(b.y / f.height) * 100}%`,
  width: `${(b.width / f.width) * 100}%`,
  height: `${(b.height / f.height) * 100}%`,
});

/**
 * The scene's frame at the video's real aspect ratio: the background on its stage (the whole frame,
 * or the top half in the brainrot style, with the clip below), and the character's photo in the
 * box the render gives it (`box`, from the recipe's own rule, in frame pixels). x and y are percent
 * of the stage. Drag the photo, or press on the stage, to move the avatar's centre; arrow keys
 * nudge it (Shift: 5%), + and − scale it.
 */
export function AvatarCanvas({
  frame,
  stage,
  box,
  placement,
  backgroundUrl,
  photoUrl,
  stillUrl,
  characterName,
  clipName,
  caption,
  onPlace,
}: {
  frame: Frame;
  stage: Box;
  box: Box;
  placement: Placement;
  backgroundUrl: string | null;
  photoUrl: string | null;
  /** The picture the renderer overlays (the photo cut out or framed, in its margin), box-shaped; shown instead of the photo once loaded. */
  stillUrl?: string | null;
  characterName: string | null;
  /** The brainrot clip playing under the stage; null when the video is not in that style. */
  clipName: string | null;
  /** The first words of the line, shown where captions appear when they are on. */
  caption?: string | null;
  onPlace: (p: Partial<Placement>) => void;
}) {
  const frameRef = useRef<HTMLDivElement>(null);
  const [dragging, setDragging] = useState(false);
  const ratio = frame.width / frame.height;

  function startDrag(e: React.PointerEvent<HTMLDivElement>) {
    if (e.button !== 0 || !frameRef.current) return;
    e.preventDefault();
    const f = frameRef.current.getBoundingClientRect();
    // The stage's rectangle on screen: x and y are percent of it, not of the frame.
    const rect = {
      left: f.left + (stage.x / frame.width) * f.width,
      top: f.top + (stage.y / frame.height) * f.height,
      width: (stage.width / frame.width) * f.width,
      height: (stage.height / frame.height) * f.height,
    };
    const onAvatar = (e.target as HTMLElement).closest("[data-avatar]");
    if (!onAvatar && !(e.target as HTMLElement).closest("[data-stage]")) return;
    // Grabbing the avatar keeps the grip where it was taken; pressing elsewhere brings its centre there.
    const grab = onAvatar
      ? { x: e.clientX - (rect.left + (placement.x / 100) * rect.width), y: e.clientY - (rect.top + (placement.y / 100) * rect.height) }
      : { x: 0, y: 0 };
    const at = (cx: number, cy: number) => {
      const snap = (v: number) => (Math.abs(v - 50) < SNAP ? 50 : v);
      onPlace({ x: snap(((cx - grab.x - rect.left) / rect.width) * 100), y: snap(((cy - grab.y - rect.top) / rect.height) * 100) });
    };
    const target = e.currentTarget;
    target.setPointerCapture(e.pointerId);
    setDragging(true);
    target.querySelector<HTMLElement>("[data-avatar]")?.focus({ preventScroll: true });
    if (!onAvatar) at(e.clientX, e.clientY);
    const move = (ev: PointerEvent) => at(ev.clientX, ev.clientY);
    const end = () => {
      setDragging(false);
      target.removeEventListener("pointermove", move);
      target.removeEventListener("pointerup", end);
      target.removeEventListener("pointercancel", end);
    };
    target.addEventListener("pointermove", move);
    target.addEventListener("pointerup", end);
    target.addEventListener("pointercancel", end);
  }

  function onKey(e: React.KeyboardEvent) {
    const step = e.shiftKey ? 5 : 1;
    const moves: Record<string, Partial<Placement>> = {
      ArrowLeft: { x: placement.x - step },
      ArrowRight: { x: placement.x + step },
      ArrowUp: { y: placement.y - step },
      ArrowDown: { y: placement.y + step },
      "+": { scale: Math.min(SCALE_MAX, placement.scale + 0.05) },
      "=": { scale: Math.min(SCALE_MAX, placement.scale + 0.05) },
      "-": { scale: Math.max(SCALE_MIN, placement.scale - 0.05) },
    };
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    onPlace(m);
  }

  return (
    <div
      ref={frameRef}
      data-testid="studio-canvas"
      className="relative mx-auto w-full touch-none overflow-hidden rounded-lg bg-neutral-900 shadow-sm ring-1 ring-border select-none [container-type:inline-size]"
      style={{ aspectRatio: `${frame.width} / ${frame.height}`, maxWidth: `min(100%, calc(58vh * ${ratio}))` }}
      onPointerDown={startDrag}
    >
      <div data-stage className="absolute overflow-hidden" style={percentOf(stage, frame)}>
        {backgroundUrl ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={backgroundUrl} alt="" draggable={false} className="absolute inset-0 size-full object-cover" />
        ) : (
          <div className="absolute inset-0 flex flex-col items-center justify-center gap-1 text-white/60">
            <ImageOff className="size-8" aria-hidden />
            <span className="text-xs">Choose a background</span>
          </div>
        )}
        {dragging && placement.x === 50 ? <div className="pointer-events-none absolute inset-y-0 left-1/2 w-px bg-fuchsia-400" aria-hidden /> : null}
        {dragging && placement.y === 50 ? <div className="pointer-events-none absolute inset-x-0 top-1/2 h-px bg-fuchsia-400" aria-hidden /> : null}
      </div>
      {clipName ? (
        <div
          className="absolute flex items-center justify-center bg-[repeating-linear-gradient(135deg,#1b1035_0_12px,#28f0c8_12px_14px)] text-xs font-medium text-white"
          style={percentOf({ x: 0, y: stage.height, width: frame.width, height: frame.height - stage.height }, frame)}
        >
          <span className="rounded bg-black/60 px-2 py-1">Clip: {clipName}</span>
        </div>
      ) : null}
      <div
        data-avatar
        data-testid="studio-avatar"
        tabIndex={0}
        role="img"
        aria-roledescription="movable avatar"
        aria-label={`${characterName ?? "Character"} at x ${placement.x}%, y ${placement.y}%, scale ${placement.scale}. Drag, or use the arrow keys to move and + or − to resize.`}
        onKeyDown={onKey}
        className={cn(
          "absolute flex cursor-grab items-center justify-center outline-offset-2 focus-visible:outline-2 focus-visible:outline-primary",
          dragging && "cursor-grabbing",
        )}
        // Without the renderer's still, the photo inside the still's 4% margin, standing on the box's bottom (padding is a share of the frame's width).
        style={{ ...percentOf(box, frame), padding: stillUrl ? 0 : `${((0.04 * Math.min(box.width, box.height)) / frame.width) * 100}%` }}
      >
        {stillUrl ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={stillUrl} alt="" draggable={false} data-testid="studio-avatar-still" className="pointer-events-none size-full" />
        ) : photoUrl ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={photoUrl} alt="" draggable={false} className="pointer-events-none size-full object-contain object-bottom" />
        ) : (
          <span className="flex size-full items-center justify-center bg-[#8a8f99] text-white/80">
            <UserRound className="size-1/3" aria-hidden />
          </span>
        )}
        <span
          className={cn("pointer-events-none absolute inset-0 rounded-sm border border-dashed border-white/70", dragging && "border-primary")}
          aria-hidden
        />
      </div>
      {caption ? <CaptionSample text={caption} frame={frame} highlight={!!clipName} /> : null}
    </div>
  );
}

/**
 * A caption as the render draws it (lib/render/ass.ts): boxed at the bottom, 5.5% of the frame's
 * height; in the brainrot style, three words at a time across the middle with the spoken one lit.
 * ASS sizes are line heights; a CSS font size is about 0.85 of one.
 */
function CaptionSample({ text, frame, highlight }: { text: string; frame: Frame; highlight: boolean }) {
  const sizePx = highlight ? frame.width * 0.085 : frame.height * 0.055;
  const style = { fontSize: `${((0.85 * sizePx) / frame.width) * 100}cqw` };
  if (highlight) {
    const [first, ...rest] = text.split(" ").slice(0, HIGHLIGHT_WORDS_PER_LINE);
    return (
      <p
        className="pointer-events-none absolute inset-x-[4%] top-1/2 -translate-y-1/2 text-center leading-tight font-bold text-white [text-shadow:0_0_3px_#000,0_0_6px_#000,0_3px_3px_#000]"
        style={style}
        aria-hidden
      >
        <span style={{ color: HIGHLIGHT_COLOR }}>{first}</span> {rest.join(" ")}
      </p>
    );
  }
  return (
    <p className="pointer-events-none absolute inset-x-[4%] bottom-[7%] text-center leading-snug text-white" style={style} aria-hidden>
      <span className="box-decoration-clone bg-black/60 px-[0.2em]">{text}</span>
    </p>
  );
}
