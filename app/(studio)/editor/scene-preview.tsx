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
}: {
  scene: EditorScene;
  settings: EditorSettings;
  characters: CharacterOption[];
  variables: Record<string, string>;
  selectedKey?: string | null;
  className?: string;
  small?: boolean;
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
      role={small ? undefined : "img"}
      aria-label={small ? undefined : `Preview of ${scene.name || "the scene"}, first frame`}
      aria-hidden={small ? true : undefined}
    >
      {scene.tracks.map((t, i) => (
        <Layer key={t.key} track={t} W={W} H={H} z={i + 1} characters={characters} variables={variables} selected={t.key === selectedKey} small={small} />
      ))}
      {scene.tracks.length === 0 && !small ? (
        <p className="absolute inset-0 flex items-center justify-center text-sm text-white/70">Empty scene: add a track</p>
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
}: {
  track: EditorTrack;
  W: number;
  H: number;
  z: number;
  characters: CharacterOption[];
  variables: Record<string, string>;
  selected: boolean;
  small?: boolean;
}) {
  const ring = selected && !small ? "outline-2 outline-dashed outline-primary outline-offset-[-2px]" : "";
  const cqw = (px: number) => `${(px / W) * 100}cqw`;
  switch (t.type) {
    case "image":
      return (
        <div style={boxStyle(t, W, H, z)} className={ring}>
          {t.imageUrl ? (
            // eslint-disable-next-line @next/next/no-img-element
            <img src={t.imageUrl} alt="" className="size-full" style={{ objectFit: t.fit ?? "cover" }} />
          ) : (
            <Placeholder icon={ImageOff} label={small ? undefined : "Image URL missing"} />
          )}
        </div>
      );
    case "video":
      return (
        <div style={boxStyle(t, W, H, z)} className={ring}>
          {t.videoUrl ? (
            <video src={`${t.videoUrl}#t=0.1`} muted playsInline preload="metadata" className="size-full object-cover" aria-hidden />
          ) : (
            <Placeholder icon={Video} label={small ? undefined : "Video URL missing"} />
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
