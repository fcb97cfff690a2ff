/**
 * Pure signal analysis of a mono speech sample: the speaker's fundamental frequency (YIN over
 * voiced frames) and speaking rate (syllable nuclei in the loudness envelope, after de Jong &
 * Wempe 2009). No I/O, so the estimators are tested on synthetic and espeak-ng samples alike.
 */

export const MIN_F0_HZ = 60;
export const MAX_F0_HZ = 500;

/** Frames quieter than this (dBFS) are silence whatever the rest of the sample does. */
const SILENCE_FLOOR_DB = -50;
/** Speech frames are at most this far below the loud end of the sample. */
const DYNAMIC_RANGE_DB = 25;

export interface PitchEstimate {
  /** Median f0 of the voiced frames, or null when nothing voiced was found. */
  medianHz: number | null;
  voicedFrames: number;
  voicedSeconds: number;
}

export interface RateEstimate {
  syllables: number;
  /** Time spent speaking: the sample minus its pauses (silent runs of 300 ms or more). */
  speechSeconds: number;
  syllablesPerSecond: number;
}

function rmsDb(x: Float32Array, start: number, length: number): number {
  let sum = 0;
  const end = Math.min(x.length, start + length);
  for (let i = start; i < end; i++) sum += x[i] * x[i];
  const rms = Math.sqrt(sum / Math.max(1, end - start));
  return rms > 0 ? 20 * Math.log10(rms) : -120;
}

function percentile(values: number[], p: number): number {
  if (!values.length) return -120;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))];
}

/** Loudness in dBFS per frame: `windowS` long, one every `hopS`. */
export function loudnessEnvelope(x: Float32Array, sampleRate: number, windowS = 0.025, hopS = 0.01): number[] {
  const win = Math.round(windowS * sampleRate);
  const hop = Math.round(hopS * sampleRate);
  const out: number[] = [];
  for (let start = 0; start + win <= x.length; start += hop) out.push(rmsDb(x, start, win));
  return out;
}

/** The level above which a frame is speech: near the loud end of the sample, never below the silence floor. */
export function speechThresholdDb(envelope: number[]): number {
  return Math.max(SILENCE_FLOOR_DB, percentile(envelope, 0.99) - DYNAMIC_RANGE_DB);
}

/**
 * YIN (de Cheveigné & Kawahara 2002) on one frame: the period whose cumulative mean normalized
 * difference first dips under `threshold`, refined by parabolic interpolation. Null when the
 * frame has no clear period (noise, unvoiced consonants).
 */
export function yinFrame(x: Float32Array, start: number, window: number, sampleRate: number, threshold = 0.25): number | null {
  const minLag = Math.floor(sampleRate / MAX_F0_HZ);
  const maxLag = Math.ceil(sampleRate / MIN_F0_HZ);
  if (start + window + maxLag > x.length) return null;
  const d = new Float64Array(maxLag + 2);
  for (let tau = 1; tau <= maxLag + 1; tau++) {
    let sum = 0;
    for (let j = 0; j < window; j++) {
      const diff = x[start + j] - x[start + j + tau];
      sum += diff * diff;
    }
    d[tau] = sum;
  }
  const cmnd = new Float64Array(maxLag + 2);
  cmnd[0] = 1;
  let running = 0;
  for (let tau = 1; tau <= maxLag + 1; tau++) {
    running += d[tau];
    cmnd[tau] = running > 0 ? (d[tau] * tau) / running : 1;
  }
  let best = -1;
  for (let tau = minLag; tau <= maxLag; tau++) {
    if (cmnd[tau] < threshold) {
      while (tau + 1 <= maxLag && cmnd[tau + 1] < cmnd[tau]) tau++;
      best = tau;
      break;
    }
  }
  if (best < 0) return null;
  const a = cmnd[best - 1];
  const b = cmnd[best];
  const c = cmnd[best + 1];
  const denom = a - 2 * b + c;
  const shift = denom !== 0 ? Math.max(-1, Math.min(1, (a - c) / (2 * denom))) : 0;
  const f0 = sampleRate / (best + shift);
  return f0 >= MIN_F0_HZ && f0 <= MAX_F0_HZ ? f0 : null;
}

/**
 * The speaker's pitch: YIN on every loud frame (silence and quiet breaths are skipped), then
 * the median, which shrugs off the odd octave error. At most `maxFrames` frames are analysed,
 * spread evenly over the sample, so a five-minute sample costs what a minute does.
 */
export function estimatePitch(x: Float32Array, sampleRate: number, opts: { hopSeconds?: number; maxFrames?: number } = {}): PitchEstimate {
  const hopSeconds = opts.hopSeconds ?? 0.01;
  const hop = Math.round(hopSeconds * sampleRate);
  // 20 ms holds a full period down to 60 Hz and is short enough that a gliding pitch stays periodic.
  const window = Math.round(0.02 * sampleRate);
  const envelope = loudnessEnvelope(x, sampleRate, 0.02, hopSeconds);
  const threshold = speechThresholdDb(envelope);
  const loud = envelope.flatMap((db, i) => (db >= threshold ? [i] : []));
  const maxFrames = opts.maxFrames ?? 3000;
  const step = Math.max(1, loud.length / maxFrames);
  const voiced: number[] = [];
  for (let k = 0; k < loud.length; k += step) {
    const i = loud[Math.floor(k)];
    const f0 = yinFrame(x, i * hop, window, sampleRate);
    if (f0 !== null) voiced.push(f0);
  }
  // Frames skipped by subsampling count as voiced in proportion, so voicedSeconds stays honest.
  const voicedSeconds = loud.length ? (voiced.length / Math.ceil(loud.length / step)) * loud.length * hopSeconds : 0;
  return {
    medianHz: voiced.length ? percentile(voiced, 0.5) : null,
    voicedFrames: voiced.length,
    voicedSeconds,
  };
}

/** Centred moving average over `radius` frames each side. */
function smooth(values: number[], radius: number): number[] {
  return values.map((_, i) => {
    let sum = 0;
    let n = 0;
    for (let k = Math.max(0, i - radius); k <= Math.min(values.length - 1, i + radius); k++) {
      sum += values[k];
      n++;
    }
    return sum / n;
  });
}

/**
 * A two-pole band-pass (RBJ cookbook, 0 dB peak). Syllable counting listens to 300-1700 Hz,
 * where vowels are loud and fricatives and breath are not.
 */
export function bandpass(x: Float32Array, sampleRate: number, centerHz = 1000, q = 0.7): Float32Array {
  const w0 = (2 * Math.PI * centerHz) / sampleRate;
  const alpha = Math.sin(w0) / (2 * q);
  const a0 = 1 + alpha;
  const b0 = alpha / a0;
  const b2 = -alpha / a0;
  const a1 = (-2 * Math.cos(w0)) / a0;
  const a2 = (1 - alpha) / a0;
  const y = new Float32Array(x.length);
  let x1 = 0,
    x2 = 0,
    y1 = 0,
    y2 = 0;
  for (let i = 0; i < x.length; i++) {
    const out = b0 * x[i] + b2 * x2 - a1 * y1 - a2 * y2;
    x2 = x1;
    x1 = x[i];
    y2 = y1;
    y1 = out;
    y[i] = out;
  }
  return y;
}

/**
 * Syllable nuclei: peaks of the smoothed vowel-band loudness that stand above the speech level
 * and are preceded by a dip of at least `minDipDb`, so one vowel's ripples count once.
 */
export function countSyllables(x: Float32Array, sampleRate: number, opts: { minDipDb?: number } = {}): RateEstimate {
  const hopS = 0.01;
  const env = smooth(loudnessEnvelope(bandpass(x, sampleRate), sampleRate, 0.025, hopS), 2);
  const threshold = speechThresholdDb(env);
  const minDip = opts.minDipDb ?? 2;
  const peaks: number[] = [];
  let dipSincePeak = Infinity;
  let lastPeakDb = -Infinity;
  for (let i = 1; i < env.length - 1; i++) {
    dipSincePeak = Math.min(dipSincePeak, env[i]);
    const isPeak = env[i] > env[i - 1] && env[i] >= env[i + 1] && env[i] >= threshold;
    if (!isPeak) continue;
    if (peaks.length === 0 || env[i] - dipSincePeak >= minDip) {
      peaks.push(i);
      lastPeakDb = env[i];
      dipSincePeak = env[i];
    } else if (env[i] > lastPeakDb) {
      // The same nucleus rising further: move it to the higher point.
      peaks[peaks.length - 1] = i;
      lastPeakDb = env[i];
      dipSincePeak = env[i];
    }
  }
  const pauseFrames = Math.round(0.3 / hopS);
  let silentRun = 0;
  let pausedFrames = 0;
  // Leading and trailing silence are not speaking time, whatever their length.
  const first = env.findIndex((v) => v >= threshold);
  let last = env.length - 1;
  while (last >= 0 && env[last] < threshold) last--;
  for (let i = Math.max(0, first); i <= last; i++) {
    if (env[i] < threshold) silentRun++;
    else {
      if (silentRun >= pauseFrames) pausedFrames += silentRun;
      silentRun = 0;
    }
  }
  const speechSeconds = first < 0 ? 0 : (last - first + 1 - pausedFrames) * hopS;
  return {
    syllables: peaks.length,
    speechSeconds,
    syllablesPerSecond: speechSeconds > 0 ? peaks.length / speechSeconds : 0,
  };
}
