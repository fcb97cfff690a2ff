import { spawn } from "node:child_process";
import fs from "node:fs/promises";

/** The ffmpeg binary: env FFMPEG_PATH, else "ffmpeg" from PATH. */
export function ffmpegBin(): string {
  return process.env.FFMPEG_PATH?.trim() || "ffmpeg";
}

/** The ffprobe binary: env FFPROBE_PATH, else "ffprobe" from PATH. */
export function ffprobeBin(): string {
  return process.env.FFPROBE_PATH?.trim() || "ffprobe";
}

export interface RunFfmpegOptions {
  signal?: AbortSignal;
  /** Called with the output position in milliseconds as ffmpeg reports it. */
  onProgress?: (outTimeMs: number) => void;
  cwd?: string;
  /** Called with everything ffmpeg writes to stderr (e.g. a measuring filter's summary). */
  onStderr?: (chunk: string) => void;
}

const STDERR_TAIL = 2048;

/** Parses one `-progress` line into the output time in ms, or null when the line is something else. */
export function parseProgressLine(line: string): number | null {
  // Despite its name, out_time_ms is in microseconds too (a long-standing ffmpeg quirk).
  const m = /^out_time_(?:us|ms)=(\d+)\s*$/.exec(line.trim());
  return m ? Math.floor(Number(m[1]) / 1000) : null;
}

/**
 * Runs ffmpeg with `args` (no shell). Progress comes from `-progress pipe:1`, added here.
 * Rejects with the tail of stderr on a non-zero exit; kills the child when `signal` aborts.
 */
export function runFfmpeg(args: string[], opts: RunFfmpegOptions = {}): Promise<void> {
  const { signal, onProgress, cwd, onStderr } = opts;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    // The binary comes from configuration, not from the project tree: keep the bundler from tracing it.
    const child = spawn(/*turbopackIgnore: true*/ ffmpegBin(), ["-hide_banner", "-nostdin", "-nostats", "-progress", "pipe:1", ...args], {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let pending = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      if (!onProgress) return;
      for (const line of lines) {
        const ms = parseProgressLine(line);
        if (ms !== null) onProgress(ms);
      }
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL * 2);
      onStderr?.(chunk);
    });
    const onAbort = () => child.kill("SIGKILL");
    signal?.addEventListener("abort", onAbort, { once: true });
    child.on("error", (err) => {
      signal?.removeEventListener("abort", onAbort);
      reject(new Error(`could not start ${ffmpegBin()}: ${err.message}`));
    });
    child.on("close", (code, sig) => {
      signal?.removeEventListener("abort", onAbort);
      if (signal?.aborted) return reject(abortError(signal));
      if (code === 0) return resolve();
      reject(new Error(`ffmpeg exited with ${code ?? sig}: ${stderr.slice(-STDERR_TAIL).trim()}`));
    });
  });
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error("ffmpeg aborted");
}

export interface ProbeStream {
  codecType: string;
  codecName: string;
  width?: number;
  height?: number;
  pixFmt?: string;
  sampleRate?: number;
  /** Cover art in an audio file (mp3, m4a): a picture, not a video. */
  attachedPicture?: boolean;
}

export interface ProbeResult {
  durationMs: number;
  streams: ProbeStream[];
  sizeBytes: number;
  formatName: string;
}

/**
 * Input options for files from users: only these containers are opened, and only as local
 * files, so a playlist or concat script posing as media cannot make ffmpeg read anything else.
 */
export function untrustedInputArgs(formats: readonly string[]): string[] {
  return ["-format_whitelist", formats.join(","), "-protocol_whitelist", "file"];
}

/**
 * Reads a media file's duration, streams, size and container with ffprobe. With `formats`, any
 * other container is refused (the probe rejects) — see untrustedInputArgs.
 */
export async function probe(path: string, opts: { formats?: readonly string[] } = {}): Promise<ProbeResult> {
  const guard = opts.formats ? untrustedInputArgs(opts.formats) : [];
  const out = await capture(ffprobeBin(), ["-v", "error", ...guard, "-print_format", "json", "-show_format", "-show_streams", path]);
  const json = JSON.parse(out) as {
    format?: { duration?: string; size?: string; format_name?: string };
    streams?: Array<Record<string, unknown>>;
  };
  const streams: ProbeStream[] = (json.streams ?? []).map((s) => ({
    codecType: typeof s.codec_type === "string" ? s.codec_type : "",
    codecName: typeof s.codec_name === "string" ? s.codec_name : "",
    ...(typeof s.width === "number" ? { width: s.width } : {}),
    ...(typeof s.height === "number" ? { height: s.height } : {}),
    ...(typeof s.pix_fmt === "string" ? { pixFmt: s.pix_fmt } : {}),
    ...(s.sample_rate ? { sampleRate: Number(s.sample_rate) } : {}),
    ...((s.disposition as Record<string, number> | undefined)?.attached_pic === 1 ? { attachedPicture: true } : {}),
  }));
  const sizeBytes = json.format?.size ? Number(json.format.size) : (await fs.stat(path)).size;
  return {
    durationMs: Math.round(Number(json.format?.duration ?? 0) * 1000),
    streams,
    sizeBytes,
    formatName: json.format?.format_name ?? "",
  };
}

/** First line of `ffmpeg -version`, e.g. "ffmpeg version 5.1.9-0+deb12u1 ...". */
export async function ffmpegVersion(): Promise<string> {
  const out = await capture(ffmpegBin(), ["-hide_banner", "-version"]);
  return out.split("\n")[0].trim();
}

/** Runs a short-lived tool and returns its stdout; rejects with stderr on failure. */
function capture(bin: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(/*turbopackIgnore: true*/ bin, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr = (stderr + c).slice(-STDERR_TAIL)));
    child.on("error", (err) => reject(new Error(`could not start ${bin}: ${err.message}`)));
    child.on("close", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${bin} exited with ${code}: ${stderr.trim()}`))));
  });
}
