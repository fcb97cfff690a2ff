import fs from "node:fs/promises";
import path from "node:path";
import { dataDir } from "@/lib/env";
import { BUILTIN_MUSIC } from "./music-catalog";
import { writeWav } from "./wav";

export { BUILTIN_MUSIC, builtinMusicId, builtinMusicSrc, type BuiltinTrack } from "./music-catalog";

/**
 * The studio's own music beds: short loops synthesized here (no downloaded audio), each a chord
 * progression of soft pads with an arpeggio or a pulse, written once as a WAV under DATA_DIR and
 * looped under a video's narration by the renderer.
 */

/** Changes whenever the synthesis does, so an old file is never served for a new recipe. */
const SYNTH_VERSION = 1;
const RATE = 48_000;

const made = new Map<string, Promise<string>>();

/** The built-in track's WAV, synthesized on first use (a second or so) and kept under DATA_DIR. */
export function builtinMusicPath(id: string): Promise<string> {
  const track = BUILTIN_MUSIC.find((t) => t.id === id);
  if (!track) return Promise.reject(new Error(`unknown built-in music "${id}"`));
  const file = path.join(dataDir(), "music", `${id}-v${SYNTH_VERSION}.wav`);
  let p = made.get(file);
  if (!p) {
    p = (async () => {
      if (
        await fs.stat(file).then(
          (s) => s.size > 44,
          () => false,
        )
      )
        return file;
      await fs.mkdir(path.dirname(file), { recursive: true });
      const partial = `${file}.${process.pid}.partial`;
      await fs.writeFile(partial, synthesize(id));
      await fs.rename(partial, file);
      return file;
    })();
    p.catch(() => made.delete(file));
    made.set(file, p);
  }
  return p;
}

// ---- synthesis ---------------------------------------------------------------------------------

/** Semitones from A4 (440 Hz) to a note name such as "C4" or "F#3". */
function midi(note: string): number {
  const m = /^([A-G])(#|b)?(-?\d)$/.exec(note);
  if (!m) throw new Error(`bad note ${note}`);
  const base = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 }[m[1] as "C"];
  return base + (m[2] === "#" ? 1 : m[2] === "b" ? -1 : 0) + (Number(m[3]) + 1) * 12;
}
const hz = (note: string) => 440 * Math.pow(2, (midi(note) - 69) / 12);

/** One cycle of a wave with the given harmonic amplitudes, as a lookup table. */
function wavetable(harmonics: number[], size = 4096): Float32Array {
  const t = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    let v = 0;
    harmonics.forEach((a, h) => (v += a * Math.sin((2 * Math.PI * (h + 1) * i) / size)));
    t[i] = v;
  }
  let peak = 0;
  for (const v of t) peak = Math.max(peak, Math.abs(v));
  for (let i = 0; i < size; i++) t[i] /= peak;
  return t;
}

const PAD = wavetable([1, 0.45, 0.3, 0.18, 0.1, 0.06]);
const PLUCK = wavetable([1, 0.5, 0.25, 0.12]);
const BASS = wavetable([1, 0.3, 0.1]);

interface Note {
  atS: number;
  lengthS: number;
  freq: number;
  gain: number;
  table: Float32Array;
  /** Attack and release (s) of a pad; a pluck decays with `decayS` instead. */
  attackS?: number;
  releaseS?: number;
  decayS?: number;
  /** -1 (left) .. 1 (right). */
  pan?: number;
  /** Cents of detune, for chorus. */
  detune?: number;
}

/** Renders notes into a loop of `lengthS` seconds: a note running past the end wraps to the start, so the loop joins seamlessly. */
function render(notes: Note[], lengthS: number): Float32Array[] {
  const n = Math.round(lengthS * RATE);
  const out = [new Float32Array(n), new Float32Array(n)];
  for (const note of notes) {
    const freq = note.freq * Math.pow(2, (note.detune ?? 0) / 1200);
    const step = (freq * note.table.length) / RATE;
    const start = Math.round(note.atS * RATE);
    const release = note.releaseS ?? 0;
    const total = Math.round((note.lengthS + release) * RATE);
    const attack = Math.max(1, Math.round((note.attackS ?? 0.005) * RATE));
    const hold = Math.round(note.lengthS * RATE);
    const left = Math.cos(((note.pan ?? 0) + 1) * (Math.PI / 4));
    const right = Math.sin(((note.pan ?? 0) + 1) * (Math.PI / 4));
    const fadeOut = 0.02 * RATE;
    let phase = 0;
    for (let i = 0; i < total; i++) {
      let env: number;
      if (note.decayS) env = Math.min(1, i / attack) * Math.exp(-i / (note.decayS * RATE));
      else env = i < attack ? i / attack : i < hold ? 1 : Math.max(0, 1 - (i - hold) / Math.max(1, release * RATE));
      // Every note ends on a 20 ms fade: a decay cut off mid-sound would click.
      env *= Math.min(1, (total - i) / fadeOut);
      const at0 = Math.floor(phase);
      const frac = phase - at0;
      const size = note.table.length;
      const v = (note.table[at0 % size] * (1 - frac) + note.table[(at0 + 1) % size] * frac) * env * note.gain;
      phase += step;
      const at = (start + i) % n;
      out[0][at] += v * left;
      out[1][at] += v * right;
    }
  }
  return out;
}

/** Chords as note names, one per bar group; the progression repeats once in the loop. */
interface Recipe {
  bpm: number;
  beatsPerChord: number;
  chords: string[][];
  bass: string[];
  /** The voice on top: "arpeggio" (eighth-note plucks), "pulse" (eighth-note bass), or none. */
  motion?: "arpeggio" | "pulse";
  padGain: number;
}

const RECIPES: Record<string, Recipe> = {
  calm: {
    bpm: 68,
    beatsPerChord: 8,
    chords: [
      ["C4", "E4", "G4", "B4"],
      ["A3", "C4", "E4", "G4"],
      ["F3", "A3", "C4", "E4"],
      ["G3", "B3", "D4", "E4"],
    ],
    bass: ["C3", "A2", "F2", "G2"],
    padGain: 0.16,
  },
  bright: {
    bpm: 104,
    beatsPerChord: 8,
    chords: [
      ["D4", "F#4", "A4"],
      ["A3", "C#4", "E4"],
      ["B3", "D4", "F#4"],
      ["G3", "B3", "D4"],
    ],
    bass: ["D3", "A2", "B2", "G2"],
    motion: "arpeggio",
    padGain: 0.1,
  },
  pulse: {
    bpm: 92,
    beatsPerChord: 8,
    chords: [
      ["A3", "C4", "E4"],
      ["F3", "A3", "C4"],
      ["C4", "E4", "G4"],
      ["G3", "B3", "D4"],
    ],
    bass: ["A1", "F1", "C2", "G1"],
    motion: "pulse",
    padGain: 0.12,
  },
};

/** A built-in track as a 16-bit stereo WAV at 48 kHz, peaking at -6 dBFS. */
export function synthesize(id: string): Buffer {
  const r = RECIPES[id];
  if (!r) throw new Error(`unknown built-in music "${id}"`);
  const beat = 60 / r.bpm;
  const chordS = beat * r.beatsPerChord;
  const lengthS = chordS * r.chords.length;
  const notes: Note[] = [];
  r.chords.forEach((chord, c) => {
    const at = c * chordS;
    chord.forEach((name, k) => {
      // Two detuned voices a note, spread across the field: a soft chorus.
      for (const [detune, pan] of [
        [-6, -0.5 + k * 0.25],
        [6, 0.5 - k * 0.25],
      ])
        notes.push({ atS: at, lengthS: chordS, freq: hz(name), gain: r.padGain, table: PAD, attackS: 1.2, releaseS: 1.6, detune, pan });
    });
    notes.push({ atS: at, lengthS: chordS, freq: hz(r.bass[c]), gain: r.padGain * 1.6, table: BASS, attackS: 0.4, releaseS: 1.2 });
    const eighths = r.beatsPerChord * 2;
    for (let e = 0; e < eighths; e++) {
      const t = at + (e * beat) / 2;
      if (r.motion === "arpeggio") {
        const pattern = [0, 1, 2, 1, 2, 0, 1, 2];
        const name = chord[pattern[e % pattern.length] % chord.length];
        const up = e % 4 === 3 ? 12 : 0;
        notes.push({
          atS: t,
          lengthS: 0,
          freq: hz(name) * Math.pow(2, up / 12) * 2,
          gain: 0.16,
          table: PLUCK,
          decayS: 0.22,
          releaseS: 0.9,
          pan: e % 2 ? 0.3 : -0.3,
        });
      } else if (r.motion === "pulse") {
        notes.push({ atS: t, lengthS: 0, freq: hz(r.bass[c]) * 2, gain: e % 2 ? 0.16 : 0.24, table: BASS, decayS: 0.12, releaseS: 0.4 });
      }
    }
  });
  const [l, rr] = render(notes, lengthS);
  let peak = 0;
  for (let i = 0; i < l.length; i++) peak = Math.max(peak, Math.abs(l[i]), Math.abs(rr[i]));
  const gain = peak > 0 ? 0.5 / peak : 0;
  const data = Buffer.alloc(l.length * 4);
  for (let i = 0; i < l.length; i++) {
    data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, l[i] * gain)) * 32767), i * 4);
    data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, rr[i] * gain)) * 32767), i * 4 + 2);
  }
  return writeWav({ sampleRate: RATE, channels: 2, bitsPerSample: 16, data });
}
