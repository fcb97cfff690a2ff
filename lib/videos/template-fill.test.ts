import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { videoJobs } from "@/db/schema/videos";
import { getBalance } from "@/lib/credits/ledger";
import { stopBoss } from "@/lib/jobs/boss";
import { makeAccount } from "@/lib/test/factories";
import { parseTemplateCsv, templateCsvHeader } from "@/lib/validation/template-csv";
import { saveTemplate } from "./service";
import { fillTemplate, quoteTemplateFill } from "./template-fill";

afterAll(async () => {
  await stopBoss();
  await closeDb();
});

const creative = {
  settings: { name: "Welcome", videoSize: { width: 320, height: 180 } },
  scenes: [{ duration: 2000, tracks: [{ type: "text", text: "Hi {name}, meet {product}!" }] }],
};
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { status?: number; field?: string; message: string }) => e,
  );

describe("a template's CSV", () => {
  it("wants one column per variable, in any order, and a value in every cell; names each refusal's row and column", () => {
    const vars = ["name", "product"];
    expect(templateCsvHeader(vars)).toBe("name,product\n");
    const ok = parseTemplateCsv('\uFEFFproduct, name\nCinetwin,Ana\n\n"Reels, fast",Bo\n', vars);
    expect(ok.problems).toEqual([]);
    expect(ok.rows).toEqual([
      { row: 1, values: { name: "Ana", product: "Cinetwin" } },
      { row: 2, values: { name: "Bo", product: "Reels, fast" } },
    ]);

    const typo = parseTemplateCsv("nmae,product\nAna,Cinetwin\n", vars);
    expect(typo.rows).toEqual([]);
    expect(typo.problems.map((p) => [p.row, p.column])).toEqual([
      [0, "nmae"],
      [0, "name"],
    ]);
    expect(typo.problems[0].message).toContain("{name}, {product}");

    const gaps = parseTemplateCsv("name,product\nAna,\n,Cinetwin\nCy,Reels\nDee\n", vars);
    expect(gaps.rows.map((r) => r.row)).toEqual([3]);
    expect(gaps.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [1, "product", "{product} needs a value"],
      [2, "name", "{name} needs a value"],
      [4, "product", "this row has fewer values than the header has columns (no product)"],
    ]);

    const many = parseTemplateCsv(`name,product\n${"a,b\n".repeat(101)}`, vars);
    expect(many.rowCount).toBe(101);
    expect(many.problems[0]).toMatchObject({ row: 0, message: "101 rows; a fill has at most 100" });
    expect(parseTemplateCsv("name,product\n", vars).problems).toEqual([{ row: 1, column: "name", message: "the CSV has no rows below its header" }]);
  });
});

describe("filling a template", () => {
  it("prices every row as its own render, then queues one named job per row with its values, all or nothing", async () => {
    const a = await makeAccount({ credits: 25 });
    const t = await saveTemplate(getDb(), a, { name: "Welcome", source: "test", videoCreative: creative });
    const rows = parseTemplateCsv("name,product\nAna,Cinetwin\nBo,Reels\n", ["name", "product"]).rows;

    expect(await quoteTemplateFill(getDb(), a, { templateId: t.id, rows })).toEqual({ rows: 2, credits: 20 });
    expect(await getDb().select().from(videoJobs).where(eq(videoJobs.workspaceId, a.workspaceId)), "a quote queues nothing").toEqual([]);

    const { jobs, credits } = await fillTemplate(getDb(), a, { templateId: t.id, rows });
    expect(credits).toBe(20);
    expect(jobs.map((j) => [j.name, j.status, j.templateId, j.dynamicVariables])).toEqual([
      ["Welcome · Ana", "queued", t.id, { name: "Ana", product: "Cinetwin" }],
      ["Welcome · Bo", "queued", t.id, { name: "Bo", product: "Reels" }],
    ]);
    expect(await getBalance(getDb(), a.workspaceId)).toBe(5);

    // Two more rows than the balance covers: nothing is queued and nothing reserved.
    const e = await refusal(fillTemplate(getDb(), a, { templateId: t.id, rows }));
    expect(e).toMatchObject({ status: 403, code: "insufficient_credits" });
    expect(e!.message).toMatch(/needs 20 credits and the balance is 5/);
    expect(await getDb().select().from(videoJobs).where(eq(videoJobs.workspaceId, a.workspaceId))).toHaveLength(2);
    expect(await getBalance(getDb(), a.workspaceId)).toBe(5);
  });

  it("refuses a row the render would refuse, naming it, and another workspace's template", async () => {
    const a = await makeAccount();
    const t = await saveTemplate(getDb(), a, { name: "Welcome", source: "test", videoCreative: creative });
    const long = "x".repeat(2500);
    const e = await refusal(
      quoteTemplateFill(getDb(), a, {
        templateId: t.id,
        rows: [
          { row: 1, values: { name: "Ana", product: "ok" } },
          { row: 2, values: { name: long, product: "ok" } },
        ],
      }),
    );
    expect(e).toMatchObject({ status: 400, field: "csv" });
    expect(e!.message).toMatch(/^row 2: /);
    const b = await makeAccount();
    expect(await refusal(quoteTemplateFill(getDb(), b, { templateId: t.id, rows: [{ row: 1, values: { name: "Ana", product: "ok" } }] }))).toMatchObject({
      status: 404,
    });
  });
});
