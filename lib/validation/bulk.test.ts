import { describe, expect, it } from "vitest";
import { BULK_MAX_ROWS, parseBulkCsv, problemText } from "./bulk";

describe("parseBulkCsv", () => {
  it("reads the seed's CSV: script, platform, voice_id; a blank cell takes the batch's platform or the character's voice", () => {
    const csv = 'script,platform,voice_id\nHello world!,instagram,en-US\n"Check out, this feature.",,\n';
    const out = parseBulkCsv(csv, { defaultPlatform: "tiktok" });
    expect(out.problems).toEqual([]);
    expect(out.rows).toEqual([
      { row: 1, script: "Hello world!", platform: "instagram", voiceId: "en-US", variables: {} },
      { row: 2, script: "Check out, this feature.", platform: "tiktok", voiceId: null, variables: {} },
    ]);
  });

  it("fills {column} placeholders from the row's other columns and names an unfilled one by row and column", () => {
    const csv = "script,platform,voice_id,name,product\nHi {name}! Try {product}.,youtube,,Ana,Cinetwin\nHi {name}!,youtube,,,X\nHi {city}!,youtube,,Bo,Y";
    const out = parseBulkCsv(csv);
    expect(out.rows).toEqual([
      { row: 1, script: "Hi Ana! Try Cinetwin.", platform: "youtube", voiceId: null, variables: { name: "Ana", product: "Cinetwin" } },
    ]);
    expect(out.problems.map(problemText)).toEqual([
      "row 2, column name: the script's {name} needs a value in this column",
      "row 3, column city: the script uses {city} but there is no city column",
    ]);
  });

  it("names the row and column of an empty script, an unknown platform or voice, a missing column and a malformed row", () => {
    const bad = parseBulkCsv('script,platform,voice_id\n  ,tiktok,\nHi,facebook,\nHi,tiktok,robot-9000\nHi,tiktok\n"Hi,tiktok,\n');
    expect(bad.problems.map(problemText)).toEqual([
      "row 1, column script: the script is empty",
      "row 2, column platform: facebook is not a platform; use instagram, tiktok, linkedin, youtube",
      expect.stringMatching(/^row 3, column voice_id: there is no voice "robot-9000"/),
      "row 4, column voice_id: this row has fewer values than the header has columns (no voice_id)",
      expect.stringMatching(/^row 5, column script: malformed CSV: /),
    ]);
    expect(bad.rows).toEqual([]);
    const missing = parseBulkCsv("script,platform\nHi,tiktok\n");
    expect(missing.problems.map(problemText)).toEqual([
      "header row, column voice_id: the voice_id column is missing (the header needs script, platform, voice_id)",
    ]);
    expect(parseBulkCsv("script,platform,voice_id\n").problems.map(problemText)).toEqual(["row 1, column script: the CSV has no rows below its header"]);
    expect(parseBulkCsv("script,platform,voice_id\nHi,,").problems.map(problemText)).toEqual([
      "row 1, column platform: empty, and the batch has no platform; use instagram, tiktok, linkedin, youtube",
    ]);
  });

  it("counts every row so that the plan limit can refuse a batch whole", () => {
    const csv = ["script,platform,voice_id", ...Array.from({ length: BULK_MAX_ROWS + 1 }, (_, i) => `Line ${i},tiktok,`)].join("\r\n");
    expect(parseBulkCsv(csv).rowCount).toBe(BULK_MAX_ROWS + 1);
  });
});
