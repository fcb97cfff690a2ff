import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runFfmpeg } from "@/lib/media/ffmpeg";

const made = new Map<string, Promise<Buffer>>();

/** Real MP4 bytes (H.264 test pattern, without sound unless asked) for the fakes to answer: made once per shape and length. */
export function fakeClip(seconds: number, width: number, height: number, fps = 12, opts: { sound?: boolean } = {}): Promise<Buffer> {
  const key = `${seconds}:${width}x${height}@${fps}${opts.sound ? "+sound" : ""}`;
  let clip = made.get(key);
  if (!clip) {
    clip = (async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), "cinetwin-fake-clip-"));
      try {
        const file = path.join(dir, "clip.mp4");
        await runFfmpeg([
          "-y",
          ...["-f", "lavfi", "-i", `testsrc2=size=${width}x${height}:rate=${fps}`],
          ...(opts.sound ? ["-f", "lavfi", "-i", "sine=frequency=330:sample_rate=44100", "-c:a", "aac"] : []),
          ...["-t", String(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", file],
        ]);
        return await fs.readFile(file);
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    })();
    made.set(key, clip);
  }
  return clip;
}
