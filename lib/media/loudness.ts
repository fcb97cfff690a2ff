import type { Pcm } from "./wav";

/** Integrated loudness target: -14 LUFS, what the big social platforms normalise to. */
export const LOUDNESS_I = -14;

const energy = (lufs: number) => Math.pow(10, (lufs + 0.691) / 10);
const lufsOf = (e: number) => -0.691 + 10 * Math.log10(e);

/**
 * Integrated loudness (LUFS) of momentary-loudness blocks (400 ms, 100 ms apart), gated as
 * ITU-R BS.1770 gates them: blocks above -70 LUFS, then those within 10 LU of their mean energy.
 * Null for silence.
 */
export function gatedLoudness(blocks: number[]): number | null {
  const mean = (xs: number[]) => xs.reduce((a, x) => a + energy(x), 0) / xs.length;
  const loud = blocks.filter((b) => b > -70);
  if (loud.length === 0) return null;
  return lufsOf(mean(loud.filter((b) => b > lufsOf(mean(loud)) - 10)));
}

/** A biquad's coefficients, normalised (a0 = 1): [b0, b1, b2, a1, a2]. */
type Biquad = [number, number, number, number, number];

/**
 * BS.1770's K-weighting (a high shelf, then a high pass) at any sample rate, from the analog
 * prototype the standard's 48 kHz coefficients come from (as libebur128 derives them).
 */
function kWeighting(rate: number): [Biquad, Biquad] {
  let K = Math.tan((Math.PI * 1681.974450955533) / rate);
  let Q = 0.7071752369554196;
  const Vh = Math.pow(10, 3.999843853973347 / 20);
  const Vb = Math.pow(Vh, 0.4996667741545416);
  let a0 = 1 + K / Q + K * K;
  const shelf: Biquad = [
    (Vh + (Vb * K) / Q + K * K) / a0,
    (2 * (K * K - Vh)) / a0,
    (Vh - (Vb * K) / Q + K * K) / a0,
    (2 * (K * K - 1)) / a0,
    (1 - K / Q + K * K) / a0,
  ];
  K = Math.tan((Math.PI * 38.13547087602444) / rate);
  Q = 0.5003270373238773;
  a0 = 1 + K / Q + K * K;
  return [shelf, [1, -2, 1, (2 * (K * K - 1)) / a0, (1 - K / Q + K * K) / a0]];
}

/**
 * Integrated loudness (LUFS, BS.1770, every channel weighted 1 as for mono and stereo) of
 * interleaved samples in -1..1; null for silence or under 400 ms.
 */
export function integratedLufs(samples: Float64Array, channels: number, rate: number): number | null {
  const frames = Math.floor(samples.length / channels);
  const [s, h] = kWeighting(rate);
  // Running sums of the K-weighted squares, all channels together: each block's mean square is one subtraction.
  const sums = new Float64Array(frames + 1);
  for (let c = 0; c < channels; c++) {
    let [x1, x2, y1, y2, z1, z2] = [0, 0, 0, 0, 0, 0];
    let acc = 0;
    for (let n = 0; n < frames; n++) {
      const x = samples[n * channels + c];
      const y = s[0] * x + s[1] * x1 + s[2] * x2 - s[3] * y1 - s[4] * y2;
      const z = h[0] * y + h[1] * y1 + h[2] * y2 - h[3] * z1 - h[4] * z2;
      [x2, x1, y2, y1, z2, z1] = [x1, x, y1, y, z1, z];
      acc += z * z;
      sums[n + 1] += acc;
    }
  }
  const block = Math.round(0.4 * rate);
  const step = Math.round(0.1 * rate);
  const blocks: number[] = [];
  for (let end = block; end <= frames; end += step) {
    const e = (sums[end] - sums[end - block]) / block;
    blocks.push(e > 0 ? lufsOf(e) : -Infinity);
  }
  return gatedLoudness(blocks);
}

/**
 * `samples` times `gain`, through a look-ahead peak limiter: the gain falls over the 5 ms before
 * any sample that would pass `ceiling` (the running minimum of the gains the peaks need, averaged
 * over the same span, so it never exceeds what a peak needs) and recovers with a 50 ms release.
 */
function amplifyLimited(samples: Float64Array, channels: number, rate: number, gain: number, ceiling: number): Float64Array {
  const frames = Math.floor(samples.length / channels);
  const lookahead = Math.max(1, Math.round(0.005 * rate));
  const need = new Float64Array(frames);
  for (let n = 0; n < frames; n++) {
    let peak = 0;
    for (let c = 0; c < channels; c++) peak = Math.max(peak, Math.abs(samples[n * channels + c] * gain));
    need[n] = peak > ceiling ? ceiling / peak : 1;
  }
  // The least gain needed in [n, n + lookahead]: a monotonic queue of candidates, its head at `head`.
  const ahead = new Float64Array(frames);
  const queue = new Int32Array(frames);
  let [head, tail] = [0, 0];
  for (let n = frames - 1; n >= 0; n--) {
    while (tail > head && need[queue[tail - 1]] >= need[n]) tail--;
    queue[tail++] = n;
    while (queue[head] > n + lookahead) head++;
    ahead[n] = need[queue[head]];
  }
  const release = 1 - Math.exp(-1 / (0.05 * rate));
  const out = new Float64Array(samples.length);
  // The mean of `ahead` over [n - lookahead, n], taken as 1 before the start.
  let sum = lookahead + 1;
  let g = 1;
  for (let n = 0; n < frames; n++) {
    sum += ahead[n] - (n > lookahead ? ahead[n - lookahead - 1] : 1);
    g = Math.min(sum / (lookahead + 1), ahead[n], g + (1 - g) * release);
    for (let c = 0; c < channels; c++) out[n * channels + c] = samples[n * channels + c] * gain * g;
  }
  return out;
}

/** Where levelled speech's sample peaks stop: -1 dBFS, so the stereo mix (each side 3 dB down) peaks near -4. */
const SPEECH_CEILING_DBFS = -1;

/**
 * Speech brought to LOUDNESS_I, peaks limited to SPEECH_CEILING_DBFS: every voice engine then
 * speaks at the level a video is delivered at, so a narrated video's segments already sum to the
 * target and the join can copy their audio instead of encoding it again (and the balance between
 * a voice and the other sounds of a scene no longer depends on which engine spoke). 16-bit PCM;
 * anything else, silence or under 400 ms is returned as it is.
 */
export function levelSpeech(pcm: Pcm): Pcm {
  if (pcm.bitsPerSample !== 16) return pcm;
  const count = pcm.data.length >> 1;
  const source = new Float64Array(count);
  for (let i = 0; i < count; i++) source[i] = pcm.data.readInt16LE(i * 2) / 32768;
  const measured = integratedLufs(source, pcm.channels, pcm.sampleRate);
  if (measured === null) return pcm;
  const ceiling = Math.pow(10, SPEECH_CEILING_DBFS / 20);
  // Limiting takes loudness off with the peaks, so the gain is found by the secant method on what comes out.
  let [g0, l0] = [LOUDNESS_I - measured, measured];
  let gainDb = g0;
  let out: Float64Array = source;
  for (let pass = 0; pass < 6; pass++) {
    out = amplifyLimited(source, pcm.channels, pcm.sampleRate, Math.pow(10, gainDb / 20), ceiling);
    const now = integratedLufs(out, pcm.channels, pcm.sampleRate);
    if (now === null || Math.abs(now - LOUDNESS_I) < 0.05) break;
    const slope = pass === 0 ? 1 : (now - l0) / (gainDb - g0 || 1);
    [g0, l0] = [gainDb, now];
    gainDb += (LOUDNESS_I - now) / Math.max(0.2, Math.min(1, slope));
  }
  const data = Buffer.alloc(count * 2);
  for (let i = 0; i < count; i++) data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(out[i] * 32768))), i * 2);
  return { ...pcm, data };
}
