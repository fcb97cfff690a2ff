import { describe, expect, it } from "vitest";
import {
  buildConcatList,
  buildCopyJoinArgs,
  buildJoinArgs,
  buildLoudnessArgs,
  buildSpliceList,
  buildThumbnailArgs,
  buildTransitionArgs,
  integratedLoudness,
  loudnessFilter,
  parseLoudness,
  parseLoudnessBlocks,
} from "./join-args";
import { buildSceneArgs, type ScenePlan } from "./scene-args";

const plan = (over: Partial<ScenePlan> = {}): ScenePlan => ({
  params: { width: 320, height: 180, fps: 25, backgroundColor: "#102030", preset: "veryfast", crf: 21 },
  frames: 265,
  fadeInMs: 0,
  fadeOutMs: 0,
  layers: [{ kind: "video", path: "/m/clip.mp4", loop: true, startMs: 0, durationMs: 10_600 }],
  sounds: [{ path: "/m/voice.wav", loop: false, startMs: 250, durationMs: 7_000, volume: 1 }],
  subtitles: { file: "captions.ass", changes: [0, 25, 100] },
  outPath: "/c/seg.mp4",
  ...over,
});
const graphOf = (args: string[]) => args[args.indexOf("-filter_complex") + 1];
// Every segment records its loudness blocks for the join.
// 10.6 s is 508,800 samples: the audio ends on the last whole AAC frame, 496 x 1024.
const LOUDNESS = "ebur128=metadata=1:peak=sample,ametadata=mode=print:file=loudness.txt,atrim=end_sample=507904,asetnsamples=n=1024:p=0";

describe("buildSceneArgs", () => {
  it("loops the clip over a background and fits it to the frame", () => {
    const args = buildSceneArgs(plan());
    expect(args.slice(1, 7)).toEqual(["-filter_complex_threads", "1", "-stream_loop", "-1", "-i", "/m/clip.mp4"]);
    const g = graphOf(args);
    expect(g).toContain("color=c=0x102030:s=320x180:r=25:d=10.600");
    expect(g).toContain("scale=320:180:force_original_aspect_ratio=decrease");
    expect(g).toContain("overlay=x=(W-w)/2:y=(H-h)/2:eof_action=pass");
    expect(g).not.toContain("tpad");
  });

  it("holds the last frame of a clip that does not loop", () => {
    expect(graphOf(buildSceneArgs(plan({ layers: [{ kind: "video", path: "/m/c.mp4", loop: false, startMs: 0, durationMs: 10_600 }] })))).toContain(
      "tpad=stop_mode=clone",
    );
  });

  it("mixes sounds over exact-length silence, delayed to their start", () => {
    const g = graphOf(buildSceneArgs(plan()));
    expect(g).toContain("aevalsrc=0:c=stereo:s=48000:d=10.600[sil]");
    expect(g).toContain("adelay=250:all=1[s0]");
    expect(g).toContain(`[sil][s0]amix=inputs=2:duration=first:dropout_transition=0:normalize=0,atrim=duration=10.600,${LOUDNESS}[aout]`);
  });

  it("still has an audio track when there are no sounds", () => {
    expect(graphOf(buildSceneArgs(plan({ sounds: [] })))).toContain(`[sil]anull,atrim=duration=10.600,${LOUDNESS}[aout]`);
  });

  it("uses identical stream parameters for every segment so the join can stream-copy", () => {
    const a = buildSceneArgs(plan());
    const b = buildSceneArgs(plan({ frames: 250, layers: [], sounds: [], subtitles: null }));
    const tail = (x: string[]) => x.slice(x.indexOf("-r"), x.indexOf("-movflags"));
    expect(tail(a)).toEqual(tail(b));
    expect(a).toEqual(expect.arrayContaining(["-pix_fmt", "yuv420p", "-c:a", "aac", "-ar", "48000", "-ac", "2"]));
    // The graph ends the video at its frame count; -frames:v or -t would cut the audio's last frames off.
    expect(graphOf(a)).toContain("format=yuv420p,trim=end_frame=265[vout]");
    expect(a).not.toContain("-frames:v");
    expect(a).not.toContain("-t");
  });

  it("refers to subtitles only by a bare file name, so no text reaches the filter graph", () => {
    expect(graphOf(buildSceneArgs(plan()))).toContain("subtitles=filename=captions.ass");
    expect(() => buildSceneArgs(plan({ subtitles: { file: "x',drawtext=text='pwn", changes: [0] } }))).toThrow(/bare safe file name/);
    expect(() => buildSceneArgs(plan({ subtitles: { file: "../a.ass", changes: [0] } }))).toThrow();
  });

  it("draws the captions once per change, on black and on white, and overlays them from the frame they change at", () => {
    const g = graphOf(buildSceneArgs(plan()));
    expect(g).toContain("color=c=black:s=320x180:r=25:d=10.600,format=gbrp,select='eq(n,0)+eq(n,25)+eq(n,100)',subtitles=filename=captions.ass");
    expect(g).toContain("color=c=white:s=320x180:r=25:d=10.600,format=gbrp,select='eq(n,0)+eq(n,25)+eq(n,100)',subtitles=filename=captions.ass");
    expect(g).toContain("[cues]overlay=eof_action=repeat");
    // Frames past the segment's end are not drawn; a document no line of which is ever seen draws nothing.
    expect(graphOf(buildSceneArgs(plan({ subtitles: { file: "captions.ass", changes: [0, 9999] } })))).toContain("select='eq(n,0)',");
    expect(graphOf(buildSceneArgs(plan({ subtitles: { file: "captions.ass", changes: [] } })))).not.toContain("subtitles=");
  });

  it("fades in and out, picture and sound", () => {
    const g = graphOf(buildSceneArgs(plan({ fadeInMs: 250, fadeOutMs: 500 })));
    expect(g).toContain("fade=t=in:st=0:d=0.250");
    expect(g).toContain("fade=t=out:st=10.100:d=0.500");
    expect(g).toContain("afade=t=out:st=10.100:d=0.500");
  });

  it("animates an image with a camera move, or shows a still image for its duration", () => {
    expect(graphOf(buildSceneArgs(plan({ layers: [{ kind: "image", path: "/m/a.png", motion: "pan-left", startMs: 0, durationMs: 10_600 }] })))).toContain(
      "crop=w=400:h=226:x='(iw-ow)*(1-",
    );
    const still = buildSceneArgs(plan({ layers: [{ kind: "image", path: "/m/a.png", motion: null, startMs: 1_000, durationMs: 2_000 }] }));
    // Decoded once and repeated by the graph, not re-read every frame.
    expect(still.slice(3, 5)).toEqual(["-i", "/m/a.png"]);
    expect(graphOf(still)).toContain("loop=loop=-1:size=1:start=0,fps=25,trim=duration=2.000");
    expect(graphOf(still)).toContain("setpts=PTS-STARTPTS+1.000/TB");
  });

  it("uses a whole-scene camera move as the background itself, with no colour to overlay it on", () => {
    const g = graphOf(
      buildSceneArgs(plan({ layers: [{ kind: "image", path: "/m/a.png", motion: "push-in", startMs: 0, durationMs: 10_600 }], subtitles: null })),
    );
    expect(g).not.toContain("color=c=0x");
    expect(g).not.toContain("overlay=");
    expect(g).toMatch(/setpts=PTS-STARTPTS\+0\.000\/TB\[bg1\];\[bg1\]/);
    const late = graphOf(buildSceneArgs(plan({ layers: [{ kind: "image", path: "/m/a.png", motion: "push-in", startMs: 500, durationMs: 10_000 }] })));
    expect(late).toContain("color=c=0x");
    // A track a few ms short of the scene (timings are not frame-rounded) still covers its last frame, at 10.560 s.
    const short = graphOf(buildSceneArgs(plan({ layers: [{ kind: "image", path: "/m/a.png", motion: "push-in", startMs: 0, durationMs: 10_595 }] })));
    expect(short).not.toContain("color=c=0x");
    const gap = graphOf(buildSceneArgs(plan({ layers: [{ kind: "image", path: "/m/a.png", motion: "push-in", startMs: 0, durationMs: 10_560 }] })));
    expect(gap).toContain("color=c=0x");
  });
});

describe("join and thumbnail", () => {
  it("lists segments with exact durations and escapes quotes in paths", () => {
    expect(
      buildConcatList([
        { path: "/c/a.mp4", durationMs: 10_600 },
        { path: "/c/it's.mp4", durationMs: 10_000 },
      ]),
    ).toBe("file '/c/a.mp4'\nduration 10.600000\nfile '/c/it'\\''s.mp4'\nduration 10.000000\n");
  });
  it("copies video, applies the loudness filter and writes faststart", () => {
    const args = buildJoinArgs("/w/list.txt", "/o/final.mp4", "volume=3.00dB");
    expect(args).toEqual(expect.arrayContaining(["-f", "concat", "-safe", "0", "-c:v", "copy", "-movflags", "+faststart"]));
    expect(args[args.indexOf("-af") + 1]).toBe("volume=3.00dB");
  });
  it("brings the measured loudness to -14 LUFS with one gain, limiting only when the peak would clip", () => {
    const summary =
      "[Parsed_ebur128_1 @ 0x1] Summary:\n\n  Integrated loudness:\n    I:         -21.3 LUFS\n    Threshold: -31.5 LUFS\n\n  Sample peak:\n    Peak:       -9.4 dBFS\n";
    const m = parseLoudness(summary);
    expect(m).toEqual({ integratedLufs: -21.3, peakDbfs: -9.4 });
    expect(loudnessFilter(m)).toBe("aresample=async=1:min_hard_comp=0.001,atrim=start=0,asetpts=PTS-STARTPTS,volume=7.30dB");
    expect(loudnessFilter({ integratedLufs: -21.3, peakDbfs: -5 })).toMatch(/volume=7\.30dB,alimiter=limit=0\.8414:.*level=disabled/);
    expect(loudnessFilter(parseLoudness(summary.replace("-21.3", "-inf")))).toBe("aresample=async=1:min_hard_comp=0.001,atrim=start=0,asetpts=PTS-STARTPTS");
    expect(loudnessFilter(null)).not.toContain("volume");
    expect(buildLoudnessArgs("/w/list.txt")).toContain("aresample=async=1:min_hard_comp=0.001,atrim=start=0,asetpts=PTS-STARTPTS,ebur128=peak=sample");
  });
  it("reads a segment's loudness blocks and gates them as BS.1770 does", () => {
    const frame = (m: string, peak: number) => `frame:0    pts:0       pts_time:0\nlavfi.r128.M=${m}\nlavfi.r128.S=${m}\nlavfi.r128.sample_peak=${peak}\n`;
    const blocks = parseLoudnessBlocks(frame("-inf", 0) + frame("-120.691", 0.1) + frame("-20.000", 0.5) + frame("-18.500", 0.25) + frame("nan", 0.5));
    // nan: a block of digital silence after sound; it is silence, and keeps its place.
    expect(blocks).toEqual({ blocks: [-Infinity, -120.691, -20, -18.5, -Infinity], peak: 0.5 });
    // Silence (below the absolute gate) and quiet blocks more than 10 LU below the mean (relative gate) do not count.
    const r = integratedLoudness([blocks, { blocks: [-20, -45], peak: 0.2 }])!;
    const e = (l: number) => Math.pow(10, (l + 0.691) / 10);
    expect(r.integratedLufs).toBeCloseTo(-0.691 + 10 * Math.log10((e(-20) * 2 + e(-18.5)) / 3), 6);
    expect(r.peakDbfs).toBeCloseTo(20 * Math.log10(0.5), 6);
    expect(integratedLoudness([{ blocks: [-Infinity, -80], peak: 0 }])).toBeNull();
  });

  it("lays segments' AAC frames end to end, each segment's sound within half a frame of its pictures", () => {
    const durations = [7_800, 5_400, 5_360, 5_760, 6_320, 40];
    const segments = durations.map((durationMs, i) => ({ path: `/c/s'${i}.mp4`, durationMs }));
    const entries = buildSpliceList(segments)!.split("file ").slice(1);
    expect(entries[1]).toMatch(/^'\/c\/s'\\''1\.mp4'\n/);
    let audioAt = 0;
    let videoAt = 0;
    for (const [i, entry] of entries.entries()) {
      // Each segment's first sample comes right after its priming frame, close to where its pictures start.
      expect(Math.abs(audioAt - videoAt)).toBeLessThanOrEqual(512);
      const outpoint = Number(/outpoint (-?[\d.]+)/.exec(entry)![1]) * 48_000;
      const kept = Math.round(outpoint / 1024);
      expect(outpoint).toBeCloseTo(kept * 1024 - 0.5, 0);
      // A segment never keeps more frames than its audio has: its length down to whole frames.
      expect(kept).toBeLessThanOrEqual(Math.floor((durations[i] * 48) / 1024) + (i === entries.length - 1 ? 1 : 0));
      if (i < entries.length - 1) expect(Number(/duration ([\d.]+)/.exec(entry)![1]) * 48_000).toBeCloseTo((kept + 1) * 1024, 0);
      else expect(entry).not.toContain("duration");
      audioAt += (kept + 1) * 1024;
      videoAt += durations[i] * 48;
    }
    // A segment shorter than its share of frames cannot be spliced.
    expect(buildSpliceList([1_000, 10, 1_000].map((durationMs) => ({ path: "/c/s.mp4", durationMs })))).toBeNull();
    expect(buildCopyJoinArgs("/w/v.txt", "/w/a.txt", "/o/x.mp4")).toEqual(
      expect.arrayContaining(["-copyts", "/w/v.txt", "/w/a.txt", "-map", "0:v:0", "-map", "1:a:0", "-c", "copy", "/o/x.mp4"]),
    );
  });

  it("grabs one JPEG frame", () => {
    expect(buildThumbnailArgs("/o/v.mp4", 5_000, "/o/t.jpg")).toEqual([
      "-y",
      "-ss",
      "5.000",
      "-i",
      "/o/v.mp4",
      "-frames:v",
      "1",
      "-q:v",
      "3",
      "-update",
      "1",
      "/o/t.jpg",
    ]);
  });
});

describe("layers beyond video and image", () => {
  it("overlays an actor's prepared still, blinks it at its times, and names its filters for the motion script", () => {
    const actor = {
      kind: "actor" as const,
      stillPath: "/m/still.png",
      blink: { path: "/m/blink.png", x: 30, y: 12, atMs: [1_000, 3_500], durationMs: 120 },
      motionFile: "actor-0.cmd",
      id: 0,
      box: { x: 210, y: 20, width: 80, height: 80 },
      startMs: 500,
      durationMs: 2_000,
      fadeOutMs: 250,
    };
    const args = buildSceneArgs(plan({ layers: [actor] }));
    const g = graphOf(args);
    expect(args.filter((a) => a.endsWith(".png"))).toEqual(["/m/still.png", "/m/blink.png"]);
    // Decoded once and repeated: no per-frame masking of the photo.
    expect(g).not.toContain("geq=");
    expect(g).toContain("loop=loop=-1:size=1");
    // Blink times are the layer's own; one past its visible time is dropped.
    expect(g).toContain("overlay@blink0=x=30:y=12:format=rgb:enable='between(t,1.000,1.120)'");
    expect(g).toContain("sendcmd=f=actor-0.cmd,scale@actor0=w=80:h=80:flags=bilinear,fade=t=out:st=2.250:d=0.250:alpha=1");
    expect(g).toContain("overlay@actor0=x=210:y=20");
    expect(() => buildSceneArgs(plan({ layers: [{ ...actor, blink: null, motionFile: "a;b" }] }))).toThrow();
  });
  it("draws text from files only, aligned, boxed and animated", () => {
    const g = graphOf(
      buildSceneArgs(
        plan({
          layers: [
            {
              kind: "text",
              lines: [
                { file: "text-0-0.txt", y: 10 },
                { file: "text-0-1.txt", y: 40 },
              ],
              fontFile: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
              fontSize: 24,
              color: "#ffcc00",
              alignment: "right",
              left: 20,
              width: 280,
              background: { color: "#000000", opacity: 0.5, padding: 6 },
              enter: "fade",
              exit: "fade",
              startMs: 500,
              durationMs: 2_000,
            },
          ],
        }),
      ),
    );
    expect(g.match(/drawtext=/g)).toHaveLength(2);
    expect(g).toContain("textfile=text-0-1.txt:expansion=none");
    expect(g).toContain("x='300-text_w'");
    expect(g).toContain("boxcolor=0x000000@0.50");
    expect(g).toContain("alpha='max(0,min(min(1,(t-0.500)/0.4),min(1,(2.500-t)/0.4)))'");
    expect(() =>
      buildSceneArgs(
        plan({
          layers: [
            {
              kind: "text",
              lines: [{ file: "x':y", y: 0 }],
              fontFile: "/f.ttf",
              fontSize: 9,
              color: "#ffffff",
              alignment: "left",
              left: 0,
              width: 9,
              background: null,
              enter: "none",
              exit: "none",
              startMs: 0,
              durationMs: 1,
            },
          ],
        }),
      ),
    ).toThrow(/bare safe/);
  });
  it("fits an image into a box (cover) and rotates it about the box centre", () => {
    const g = graphOf(
      buildSceneArgs(
        plan({
          layers: [
            {
              kind: "image",
              path: "/m/a.png",
              motion: null,
              startMs: 0,
              durationMs: 1_000,
              box: { x: 10, y: 20, width: 100, height: 50 },
              fit: "cover",
              rotation: 90,
            },
          ],
        }),
      ),
    );
    expect(g).toContain("scale=100:50:force_original_aspect_ratio=increase,crop=100:50");
    expect(g).toContain("rotate=a=1.57080");
    expect(g).toContain("overlay=x=60.0-w/2:y=45.0-h/2");
  });
  it("forces keyframes where a transition cuts the segment", () => {
    const args = buildSceneArgs(plan({ keyframesMs: [400, 10_000] }));
    expect(args[args.indexOf("-force_key_frames") + 1]).toBe("0.400,10.000");
  });
});

describe("transition joins", () => {
  it("lists cut segments by in/out point", () => {
    expect(
      buildConcatList([
        { path: "/c/a.mp4", durationMs: 2_000, outpointMs: 1_600 },
        { path: "/c/t.mp4", durationMs: 400 },
        { path: "/c/b.mp4", durationMs: 1_000, inpointMs: 400, outpointMs: 1_000 },
      ]),
    ).toBe("file '/c/a.mp4'\noutpoint 1.600000\nfile '/c/t.mp4'\nduration 0.400000\nfile '/c/b.mp4'\ninpoint 0.400000\noutpoint 1.000000\n");
  });
  it("builds an xfade piece from the tail of one segment and the head of the next", () => {
    const args = buildTransitionArgs({
      fromPath: "/c/a.mp4",
      fromDurationMs: 2_000,
      toPath: "/c/b.mp4",
      durationMs: 400,
      type: "circleopen",
      params: plan().params,
      outPath: "/c/t.mp4",
    });
    expect(args.slice(0, 7)).toEqual(["-y", "-ss", "1.600000", "-i", "/c/a.mp4", "-t", "0.400000"]);
    expect(graphOf(args)).toContain("xfade=transition=circleopen:duration=0.400000:offset=0");
    expect(graphOf(args)).toContain("acrossfade=d=0.400000");
    expect(() =>
      buildTransitionArgs({ fromPath: "a", fromDurationMs: 1, toPath: "b", durationMs: 1, type: "x;y", params: plan().params, outPath: "o" }),
    ).toThrow();
  });
});
