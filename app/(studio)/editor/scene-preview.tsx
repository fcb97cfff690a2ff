"use client";

import { Captions, ImageOff, Music, UserRound, Video } from "lucide-react";
import type { CSSProperties } from "react";
import { type Box, textLayout, trackBox } from "@/lib/composition/layout";
import { cn } from "@/lib/utils";
import { type CharacterOption, type EditorScene, type EditorSettings, type EditorTrack, fillVariables } from "./model";

/**
 * The scene's first frame, approximated in HTML: every layer absolutely positioned in percentages
 * of the output size and fonts in container-width units, so the same markup works at any scale.
 */
export function ScenePreview({
  scene,
  settings,
  characters,
  variables,
  selectedKey,
  className,
  small,
  onArrange,
  onSelect,
  resolveMedia = (src) => src,
}: {
  scene: EditorScene;
  settings: EditorSettings;
  characters: CharacterOption[];
  variables: Record<string, string>;
  selectedKey?: string | null;
  className?: string;
  small?: boolean;
  /** Makes the layers draggable (and the selected one resizable): called with the track's new position or size as it moves. */
  onArrange?: (key: string, patch: Pick<EditorTrack, "position" | "size">) => void;
  onSelect?: (key: string) => void;
  /** A track's media reference (`media:<id>` or a URL) as a URL the browser can show. */
  resolveMedia?: (src: string | undefined) => string | undefined;
}) {
  const { width: W, height: H } = safeSize(settings.videoSize);
  return (
    <div
      className={cn("relative mx-auto w-full overflow-hidden rounded-md border bg-black [container-type:inline-size]", className)}
      style={{
        aspectRatio: `${W} / ${H}`,
        // Portrait sizes would otherwise grow taller than the screen.
        maxWidth: `calc(${small ? "9rem" : "60vh"} * ${W / H})`,
        backgroundColor: settings.backgroundColor || "#000000",
      }}
      data-preview-frame
      role={small ? undefined : "img"}
      aria-label={small ? undefined : `Preview of ${scene.name || "the scene"}, first frame`}
      aria-hidden={small ? true : undefined}
    >
      {scene.tracks.map((t, i) => (
        <Layer
          key={t.key}
          track={t}
          W={W}
          H={H}
          z={i + 1}
          characters={characters}
          variables={variables}
          selected={t.key === selectedKey}
          small={small}
          resolveMedia={resolveMedia}
        />
      ))}
      {onArrange && !small
        ? scene.tracks.map((t, i) =>
            arrangeable(t) ? (
              <Handle
                key={t.key}
                track={t}
                box={layerBox(t, W, H, variables)}
                W={W}
                H={H}
                z={scene.tracks.length + i + 1}
                selected={t.key === selectedKey}
                onArrange={onArrange}
                onSelect={onSelect}
              />
            ) : null,
          )
        : null}
      {scene.tracks.length === 0 && !small ? (
        <p className="absolute inset-0 flex items-center justify-center text-sm text-white/70">Empty scene: add a track</p>
      ) : null}
    </div>
  );
}

const arrangeable = (t: EditorTrack) => t.type === "image" || t.type === "video" || t.type === "actor" || t.type === "text";

/** Where a layer is, by the renderer's rule: a media box (the whole frame without position or size), or a text's lines. */
function layerBox(t: EditorTrack, W: number, H: number, variables: Record<string, string>): Box {
  if (t.type !== "text") return trackBox(t, { width: W, height: H }) ?? { x: 0, y: 0, width: W, height: H };
  const layout = textLayout({ ...t, text: fillVariables(t.text ?? "", variables) }, { width: W, height: H });
  const top = layout.lines[0].y;
  return t.size ? layout.box : { x: layout.box.x, y: top, width: layout.box.width, height: layout.lines.length * layout.lineHeight };
}

/**
 * A layer's grip on the canvas: drag to move it, and the selected one's corner to resize it. The
 * pointer's movement in screen pixels becomes frame pixels by the preview's own scale, so the
 * numbers in the track's form follow the pointer.
 */
function Handle({
  track: t,
  box,
  W,
  H,
  z,
  selected,
  onArrange,
  onSelect,
}: {
  track: EditorTrack;
  box: Box;
  W: number;
  H: number;
  z: number;
  selected: boolean;
  onArrange: (key: string, patch: Pick<EditorTrack, "position" | "size">) => void;
  onSelect?: (key: string) => void;
}) {
  const start = (e: React.PointerEvent<HTMLElement>, mode: "move" | "resize") => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    onSelect?.(t.key);
    const frame = (e.currentTarget.closest("[data-preview-frame]") as HTMLElement).getBoundingClientRect();
    const perPx = W / frame.width;
    const from = { x: e.clientX, y: e.clientY };
    const target = e.currentTarget;
    target.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent) => {
      const dx = Math.round((ev.clientX - from.x) * perPx);
      const dy = Math.round((ev.clientY - from.y) * perPx);
      if (mode === "move") onArrange(t.key, { position: { x: box.x + dx, y: box.y + dy } });
      else onArrange(t.key, { position: { x: box.x, y: box.y }, size: { width: Math.max(16, box.width + dx), height: Math.max(16, box.height + dy) } });
    };
    const end = () => {
      target.removeEventListener("pointermove", move);
      target.removeEventListener("pointerup", end);
      target.removeEventListener("pointercancel", end);
    };
    target.addEventListener("pointermove", move);
    target.addEventListener("pointerup", end);
    target.addEventListener("pointercancel", end);
  };
  const resizable = t.type !== "text" || !!t.size;
  return (
    <div
      data-testid={`handle-${t.key}`}
      aria-hidden
      className={cn("absolute cursor-move touch-none", selected && "outline-2 outline-primary outline-offset-[-1px]")}
      style={{ ...percentOf(box, W, H), zIndex: z, transform: t.rotation ? `rotate(${t.rotation}deg)` : undefined }}
      onPointerDown={(e) => start(e, "move")}
    >
      {selected && resizable ? (
        <span
          data-testid="resize-handle"
          className="absolute -right-1.5 -bottom-1.5 size-3 cursor-nwse-resize rounded-sm border border-white bg-primary"
          onPointerDown={(e) => start(e, "resize")}
        />
      ) : null}
    </div>
  );
}

function safeSize(s: { width: number; height: number }) {
  const ok = (n: number) => Number.isFinite(n) && n > 0;
  return { width: ok(s.width) ? s.width : 1920, height: ok(s.height) ? s.height : 1080 };
}

/** A box in the frame's pixels as CSS percentages of the preview. */
const percentOf = (b: Box, W: number, H: number): CSSProperties => ({
  position: "absolute",
  left: `${(b.x / W) * 100}%`,
  top: `${(b.y / H) * 100}%`,
  width: `${(b.width / W) * 100}%`,
  height: `${(b.height / H) * 100}%`,
});

/** The layer's box by the renderer's own rule (lib/composition/layout.ts): the whole frame when it has neither position nor size. */
function boxStyle(t: EditorTrack, W: number, H: number, z: number): CSSProperties {
  const box = trackBox(t, { width: W, height: H }) ?? { x: 0, y: 0, width: W, height: H };
  return { ...percentOf(box, W, H), transform: t.rotation ? `rotate(${t.rotation}deg)` : undefined, zIndex: z };
}

function Layer({
  track: t,
  W,
  H,
  z,
  characters,
  variables,
  selected,
  small,
  resolveMedia,
}: {
  track: EditorTrack;
  W: number;
  H: number;
  z: number;
  characters: CharacterOption[];
  variables: Record<string, string>;
  selected: boolean;
  small?: boolean;
  resolveMedia: (src: string | undefined) => string | undefined;
}) {
  const ring = selected && !small ? "outline-2 outline-dashed outline-primary outline-offset-[-2px]" : "";
  const cqw = (px: number) => `${(px / W) * 100}cqw`;
  switch (t.type) {
    case "image":
      return (
        <div style={boxStyle(t, W, H, z)} className={ring}>
          {resolveMedia(t.imageUrl) ? (
            // eslint-disable-next-line @next/next/no-img-element
            <img src={resolveMedia(t.imageUrl)} alt="" className="size-full" style={{ objectFit: t.fit ?? "cover" }} data-testid="preview-image" />
          ) : (
            <Placeholder icon={ImageOff} label={small ? undefined : "Choose an image"} />
          )}
        </div>
      );
    case "video":
      return (
        <div style={boxStyle(t, W, H, z)} className={ring}>
          {resolveMedia(t.videoUrl) ? (
            <video src={`${resolveMedia(t.videoUrl)}#t=0.1`} muted playsInline preload="metadata" className="size-full object-cover" aria-hidden />
          ) : (
            <Placeholder icon={Video} label={small ? undefined : "Choose a video"} />
          )}
        </div>
      );
    case "actor": {
      const c = characters.find((ch) => ch.id === t.actor);
      const variant = t.variant ?? "full_body";
      return (
        <div style={boxStyle(t, W, H, z)} className={cn("flex items-end justify-center", ring)}>
          <div className={cn("relative overflow-hidden", variant === "bubble" ? "aspect-square h-full max-w-full rounded-full" : "size-full")}>
            {c?.photoUrl ? (
              // eslint-disable-next-line @next/next/no-img-element
              <img
                src={c.photoUrl}
                alt=""
                className={cn(
                  "size-full object-cover",
                  variant === "shoulder" ? "origin-top scale-[1.6] object-top" : variant === "bubble" ? "object-top" : "object-center",
                )}
              />
            ) : (
              <Placeholder icon={UserRound} label={small ? undefined : c ? c.name : "Choose an actor"} />
            )}
          </div>
        </div>
      );
    }
    case "text": {
      // The renderer's lines at the renderer's places: the same wrap, size and line positions.
      const layout = textLayout({ ...t, text: fillVariables(t.text ?? "", variables) }, { width: W, height: H });
      return (
        <div
          style={{ position: "absolute", inset: 0, zIndex: z, transform: t.rotation ? `rotate(${t.rotation}deg)` : undefined }}
          className="pointer-events-none"
          data-testid="preview-text"
        >
          {layout.lines.map((line, i) => (
            <div
              key={i}
              data-testid="preview-text-line"
              className={cn("absolute overflow-visible leading-none whitespace-pre", ring)}
              style={{
                ...percentOf({ x: layout.box.x, y: line.y, width: layout.box.width, height: layout.lineHeight }, W, H),
                color: t.color || "#ffffff",
                fontSize: cqw(layout.fontSize),
                fontFamily: '"DejaVu Sans", Verdana, sans-serif',
                textAlign: t.alignment ?? "center",
              }}
            >
              {line.text}
            </div>
          ))}
        </div>
      );
    }
    case "captions": {
      const pos = t.style?.position ?? "bottom";
      return small ? null : (
        <div
          style={{ zIndex: z, color: t.style?.color || "#ffffff", fontSize: cqw(t.style?.fontSize ?? 48) }}
          className={cn(
            "absolute inset-x-[10%] flex items-center justify-center gap-1 rounded bg-black/50 px-2 py-1 text-center",
            pos === "top" ? "top-[6%]" : pos === "center" ? "top-1/2 -translate-y-1/2" : "bottom-[6%]",
            ring,
          )}
        >
          <Captions className="size-[1em] shrink-0" aria-hidden />
          Captions
        </div>
      );
    }
    case "audio":
      return small ? null : (
        <span
          style={{ zIndex: z }}
          className={cn("absolute top-1 right-1 flex items-center gap-1 rounded bg-black/60 px-1.5 py-0.5 text-[10px] text-white", ring)}
        >
          <Music className="size-3" aria-hidden /> Audio
        </span>
      );
  }
}

function Placeholder({ icon: Icon, label }: { icon: typeof Video; label?: string }) {
  return (
    <div className="flex size-full flex-col items-center justify-center gap-1 bg-white/10 text-white/70">
      <Icon className="size-[20%] max-h-10 max-w-10" aria-hidden />
      {label ? <span className="px-1 text-center text-xs">{label}</span> : null}
    </div>
  );
}
