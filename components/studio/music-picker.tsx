"use client";

import { Pause, Play } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { NativeSelect } from "@/components/forms/native-select";
import { Button } from "@/components/ui/button";
import { BUILTIN_MUSIC } from "@/lib/media/music-catalog";

/** A sound of the workspace's library, as a music bed can use it. */
export interface LibrarySound {
  id: string;
  name: string;
  url: string;
}

const previewUrl = (value: string, sounds: LibrarySound[]) =>
  value.startsWith("builtin:music/") ? `/api/music/${value.slice("builtin:music/".length)}` : (sounds.find((s) => `media:${s.id}` === value)?.url ?? null);

/**
 * Chooses a story's music bed: none, one of the studio's own tracks, or a sound from the library;
 * the button beside it plays the choice. Its value is the music source ("" for none).
 */
export function MusicPicker({
  id,
  name,
  value,
  onChange,
  sounds,
  disabled,
}: {
  id: string;
  name?: string;
  value: string;
  onChange: (value: string) => void;
  sounds: LibrarySound[];
  disabled?: boolean;
}) {
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const src = value ? previewUrl(value, sounds) : null;

  // A new choice stops the old one's preview.
  useEffect(() => () => audio.current?.pause(), [src]);

  function toggle() {
    const el = audio.current;
    if (!el || !src) return;
    if (playing) return el.pause();
    el.currentTime = 0;
    void el.play().catch(() => setPlaying(false));
  }

  return (
    <div className="flex items-center gap-2">
      <NativeSelect id={id} name={name} value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled} className="min-w-0 flex-1">
        <option value="">No music</option>
        <optgroup label="Studio tracks">
          {BUILTIN_MUSIC.map((t) => (
            <option key={t.id} value={`builtin:music/${t.id}`}>
              {t.name}: {t.mood}
            </option>
          ))}
        </optgroup>
        {sounds.length ? (
          <optgroup label="Your library">
            {sounds.map((s) => (
              <option key={s.id} value={`media:${s.id}`}>
                {s.name}
              </option>
            ))}
          </optgroup>
        ) : null}
      </NativeSelect>
      <Button
        type="button"
        variant="outline"
        size="icon"
        onClick={toggle}
        disabled={!src}
        aria-label={playing ? "Stop the music preview" : "Listen to the music"}
      >
        {playing ? <Pause className="size-4" /> : <Play className="size-4" />}
      </Button>
      {src ? (
        <audio ref={audio} src={src} preload="none" onPlay={() => setPlaying(true)} onPause={() => setPlaying(false)} onEnded={() => setPlaying(false)} />
      ) : null}
    </div>
  );
}
