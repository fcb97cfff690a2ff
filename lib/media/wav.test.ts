import { describe, expect, it } from "vitest";
import { joinPcm, pcmDurationMs, readWav, writeWav, type Pcm } from "./wav";

const tone = (samples: number, rate = 22_050): Pcm => {
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(8000 * Math.sin(i / 10)), i * 2);
  return { sampleRate: rate, channels: 1, bitsPerSample: 16, data };
};

describe("wav", () => {
  it("writes a WAV it reads back sample for sample", () => {
    const pcm = tone(2205);
    const back = readWav(writeWav(pcm));
    expect(back).toMatchObject({ sampleRate: 22_050, channels: 1, bitsPerSample: 16 });
    expect(back.data.equals(pcm.data)).toBe(true);
    expect(pcmDurationMs(back)).toBeCloseTo(100, 6);
  });

  it("skips unknown chunks and reads a data size left unfilled as 'to the end'", () => {
    const wav = writeWav(tone(100));
    const list = Buffer.concat([Buffer.from("LIST"), Buffer.from([3, 0, 0, 0]), Buffer.from("abc\0")]);
    const withList = Buffer.concat([wav.subarray(0, 36), list, wav.subarray(36)]);
    withList.writeUInt32LE(0x7ffff000, 36 + list.length + 4);
    expect(readWav(withList).data.equals(tone(100).data)).toBe(true);
  });

  it("refuses what is not PCM WAV", () => {
    expect(() => readWav(Buffer.from("ID3 not a wav at all"))).toThrow(/not a WAV/);
    const float = writeWav(tone(10));
    float.writeUInt16LE(3, 20);
    expect(() => readWav(float)).toThrow(/linear PCM/);
  });

  it("joins clips with whole-sample gaps and reports where each one sits", () => {
    const { pcm, spans } = joinPcm([tone(2205), tone(4410)], 350);
    expect(pcm.data.length).toBe((2205 + Math.round((350 * 22_050) / 1000) + 4410) * 2);
    expect(spans[0]).toEqual({ startMs: 0, endMs: 100 });
    expect(spans[1].startMs).toBeCloseTo(450, 1);
    expect(spans[1].endMs).toBeCloseTo(650, 1);
    expect(() => joinPcm([tone(10), tone(10, 48_000)], 0)).toThrow(/differ/);
  });
});
