/** Linear PCM audio as a RIFF/WAVE file holds it: little-endian samples, channels interleaved. */
export interface Pcm {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  data: Buffer;
}

/**
 * Reads an uncompressed PCM WAV (format 1), as espeak-ng writes it: the fmt and data chunks,
 * skipping any other chunk. A data size past the end of the file (a writer that never went back
 * to fill it in) is read as "to the end". Throws on anything else.
 */
export function readWav(buf: Buffer): Pcm {
  const { data, ...fmt } = wavLayout(buf, buf.length);
  return { ...fmt, data: buf.subarray(data.start, data.end) };
}

/**
 * The format of a PCM WAV and where its whole sample frames lie, from the file's first bytes
 * (`head`, enough to reach the data chunk's header) and its size: what readWav reads, without
 * reading the samples. Throws as readWav does.
 */
export function wavLayout(head: Buffer, fileSize: number): Omit<Pcm, "data"> & { data: { start: number; end: number } } {
  if (head.length < 12 || head.toString("ascii", 0, 4) !== "RIFF" || head.toString("ascii", 8, 12) !== "WAVE") throw new Error("not a WAV file");
  let fmt: Omit<Pcm, "data"> | null = null;
  for (let at = 12; at + 8 <= head.length;) {
    const id = head.toString("ascii", at, at + 4);
    const size = head.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === "fmt ") {
      if (body + 16 > head.length) break;
      if (head.readUInt16LE(body) !== 1) throw new Error("WAV is not linear PCM");
      fmt = { channels: head.readUInt16LE(body + 2), sampleRate: head.readUInt32LE(body + 4), bitsPerSample: head.readUInt16LE(body + 14) };
    } else if (id === "data") {
      if (!fmt) throw new Error("WAV data before its format");
      const end = Math.min(fileSize, body + size);
      const frame = (fmt.channels * fmt.bitsPerSample) / 8;
      return { ...fmt, data: { start: body, end: end - ((end - body) % frame) } };
    }
    at = body + size + (size % 2);
  }
  throw new Error("WAV has no data");
}

/** A canonical 44-byte-header WAV of `pcm`. */
export function writeWav(pcm: Pcm): Buffer {
  const blockAlign = (pcm.channels * pcm.bitsPerSample) / 8;
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + pcm.data.length, 4);
  header.write("WAVEfmt ", 8, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(pcm.channels, 22);
  header.writeUInt32LE(pcm.sampleRate, 24);
  header.writeUInt32LE(pcm.sampleRate * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(pcm.bitsPerSample, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(pcm.data.length, 40);
  return Buffer.concat([header, pcm.data]);
}

/** Duration in ms of `pcm`'s samples. */
export function pcmDurationMs(pcm: Pcm): number {
  return (pcm.data.length / ((pcm.channels * pcm.bitsPerSample) / 8) / pcm.sampleRate) * 1000;
}

/**
 * Joins clips of one format end to end with `gapMs` of silence between them (rounded to whole
 * samples). Returns the joined audio and where each clip starts and ends in it (ms).
 */
export function joinPcm(clips: Pcm[], gapMs: number): { pcm: Pcm; spans: Array<{ startMs: number; endMs: number }> } {
  if (clips.length === 0) throw new Error("nothing to join");
  const [{ sampleRate, channels, bitsPerSample }] = clips;
  if (clips.some((c) => c.sampleRate !== sampleRate || c.channels !== channels || c.bitsPerSample !== bitsPerSample)) {
    throw new Error("clips differ in format");
  }
  const frame = (channels * bitsPerSample) / 8;
  const gap = Buffer.alloc(Math.round((gapMs * sampleRate) / 1000) * frame);
  const parts: Buffer[] = [];
  const spans: Array<{ startMs: number; endMs: number }> = [];
  let bytes = 0;
  const ms = (b: number) => (b / frame / sampleRate) * 1000;
  for (const [i, clip] of clips.entries()) {
    if (i > 0) {
      parts.push(gap);
      bytes += gap.length;
    }
    spans.push({ startMs: ms(bytes), endMs: ms(bytes + clip.data.length) });
    parts.push(clip.data);
    bytes += clip.data.length;
  }
  return { pcm: { sampleRate, channels, bitsPerSample, data: Buffer.concat(parts) }, spans };
}
