import fc from "fast-check";

/**
 * Bad input for the API fuzz test (lib/api/fuzz.test.ts). Values are JSON *fragments* (raw text),
 * so a body can carry what a JS object cannot round-trip: an own `__proto__` key, a number past
 * double range, nesting thousands of levels deep that JSON.stringify would have to recurse into.
 */

/** A JSON body (or not) as sent on the wire. */
export interface WireBody {
  text: string;
  contentType: string | null;
}

const json = (v: unknown) => JSON.stringify(v);

/** Nesting `depth` levels deep (just past a limit, or thousands: JSON.stringify gives up near 6000): arrays, objects or both, as raw text. */
export const deepFragment = fc
  .tuple(fc.oneof(fc.integer({ min: 33, max: 80 }), fc.integer({ min: 5_000, max: 20_000 })), fc.constantFrom("array", "object", "mixed"))
  .map(([depth, kind]) => {
    if (kind === "array") return "[".repeat(depth) + "]".repeat(depth);
    if (kind === "object") return '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
    return '{"a":['.repeat(depth) + "]}".repeat(depth);
  });

/** Strings Postgres or a query refuses, or that escape what a field means. */
export const badString = fc.oneof(
  fc.string({ maxLength: 12 }).map((s) => `${s}\u0000${s}`),
  fc.constantFrom("\u0000", "\ud800", "a\udfffb", "\udbff\u0000", "x\ud83d"),
  fc.integer({ min: 5_000, max: 200_000 }).map((n) => "x".repeat(n)),
  fc.integer({ min: 300, max: 3_000 }).map((n) => "😀".repeat(n)),
  fc.constantFrom(
    "",
    "   ",
    "../../x",
    "..\\..\\x",
    "media:../../x",
    "media:",
    "media:00000000-0000-0000-0000-000000000000",
    "media:1 or 1=1",
    "media:\u0000",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "data:text/html,<b>x</b>",
    "http://127.0.0.1/x.png",
    "http://[::1]/x",
    "http://",
    "{name}",
    "%s%n%x",
    "'; drop table users; --",
    "\u202etxt.exe",
    "character-99999999999",
    "2147483648",
    "-1",
    "NaN",
    "true",
    "null",
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
);

/** Raw JSON number literals: past int4, past safe integers, past doubles (1e400 parses as Infinity). */
export const badNumberFragment = fc.constantFrom(
  "2147483648",
  "2147483647",
  "-2147483649",
  "9007199254740993",
  "-9007199254740993",
  "123456789012345678901234567890",
  "1e308",
  "1e400",
  "-1e400",
  "5e-324",
  "-0",
  "0.5",
  "-1",
  "0",
  "1.0000000000000000001",
);

/** Objects whose keys JavaScript treats specially, or Postgres refuses in jsonb. */
export const protoFragment = fc.constantFrom(
  '{"__proto__":{"isAdmin":true,"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '{"__proto__":null,"toString":1,"valueOf":"x","hasOwnProperty":[]}',
  '{"prototype":{},"__defineGetter__":1}',
  '{"\\u0000":1}',
  '{"\\ud800":"lone"}',
  `{"${"k".repeat(5000)}":1}`,
);

/** Any bad value, as a JSON fragment. */
export const badFragment: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: badString.map(json) },
  { weight: 2, arbitrary: badNumberFragment },
  { weight: 2, arbitrary: deepFragment },
  { weight: 2, arbitrary: protoFragment },
  {
    weight: 2,
    arbitrary: fc.constantFrom("null", "true", "false", "[]", "{}", "[null]", '[""]', "[1,2,3]", '{"a":{"b":{"c":"\\u0000"}}}'),
  },
  { weight: 1, arbitrary: fc.array(badString, { maxLength: 3 }).map(json) },
);

/** Keys a mutation adds to an object. */
export const badKey = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "toString", "\u0000", "", "\ud800", "k".repeat(3000)),
  fc.string({ maxLength: 20 }),
);

/** Every path to a value inside `value` (objects and arrays), the root excluded. */
export function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  return [];
}

/** Paths of the containers (objects) in `value`, the root included. */
const objectPaths = (value: unknown) => [[], ...pathsOf(value)].filter((p) => isObject(at(value, p)));

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const at = (value: unknown, path: Array<string | number>) => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], value);

const MARK = "\u0001fuzz\u0001";

/** `base` as JSON text with the value at `path` replaced by (or, with `addKey`, a key added holding) the raw `fragment`. */
export function spliceFragment(base: unknown, path: Array<string | number>, fragment: string, addKey?: string): string {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  if (addKey !== undefined) {
    const target = path.length ? (at(copy, path) as Record<string, unknown>) : copy;
    // An own property even for "__proto__", which plain assignment would turn into a prototype.
    Object.defineProperty(target, addKey, { value: MARK, enumerable: true, configurable: true, writable: true });
  } else if (path.length) {
    const parent = at(copy, path.slice(0, -1)) as Record<string | number, unknown>;
    parent[path[path.length - 1]] = MARK;
  } else {
    return fragment;
  }
  return JSON.stringify(copy).replace(JSON.stringify(MARK), () => fragment);
}

/** `base` with each string at `paths` replaced by `poison(original)`. */
function poisonStrings(base: unknown, paths: Array<Array<string | number>>, poison: (s: string) => string): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  for (const p of paths) {
    const parent = at(copy, p.slice(0, -1)) as Record<string | number, unknown>;
    parent[p[p.length - 1]] = poison(parent[p[p.length - 1]] as string);
  }
  return copy;
}

/** Ways to spoil a string that is otherwise valid: the bug classes that pass a type check. */
const stringPoison: fc.Arbitrary<(s: string) => string> = fc.constantFrom(
  (s: string) => `${s}\u0000`,
  (s: string) => `\u0000${s}`,
  (s: string) => `${s}\ud800`,
  (s: string) => `${s}${"x".repeat(100_000)}`,
  (s: string) => `${s}😀`,
  (s: string) => (s.startsWith("media:") ? "media:../../x" : s.startsWith("http") ? `${s}/\u0000` : `${s} `),
);

/**
 * One bad JSON body derived from a valid one: a value replaced, a key added, the body replaced,
 * or some of its strings spoilt in the same way (a NUL in a name passes every type check, so it
 * needs the rest of the body valid to reach the database).
 */
export function mutatedJsonBody(base: Record<string, unknown>): fc.Arbitrary<WireBody> {
  const paths = pathsOf(base);
  const strings = paths.filter((p) => typeof at(base, p) === "string");
  const containers = objectPaths(base);
  const asJson = (text: string): WireBody => ({ text, contentType: "application/json" });
  const arbitraries: Array<fc.WeightedArbitrary<WireBody>> = [
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom(...containers), badKey, fc.oneof(deepFragment, protoFragment, badFragment))
        .map(([p, k, f]) => asJson(spliceFragment(base, p, f, k))),
    },
    { weight: 2, arbitrary: wholeBody },
    { weight: 1, arbitrary: wrongContentType(JSON.stringify(base)) },
  ];
  if (paths.length)
    arbitraries.push({ weight: 5, arbitrary: fc.tuple(fc.constantFrom(...paths), badFragment).map(([p, f]) => asJson(spliceFragment(base, p, f))) });
  if (strings.length) {
    arbitraries.push({
      weight: 5,
      arbitrary: fc.tuple(fc.subarray(strings, { minLength: 1 }), stringPoison).map(([p, poison]) => asJson(JSON.stringify(poisonStrings(base, p, poison)))),
    });
  }
  return fc.oneof(...arbitraries);
}

/**
 * Each bug class applied to a valid body one place at a time, for every run to try before the
 * random ones: NUL, an unpaired surrogate or 100 000 more characters in each string (one at a
 * time: a check that refuses one field would hide what another does); nesting 33 and 20 000 levels
 * deep, and __proto__/constructor keys, in each object. Random mutations may miss a class for a
 * few runs; these never do.
 */
export function classExamples(base: Record<string, unknown>): WireBody[] {
  const strings = pathsOf(base).filter((p) => typeof at(base, p) === "string");
  const asJson = (text: string): WireBody => ({ text, contentType: "application/json" });
  const spoilt = [(x: string) => `${x}\u0000`, (x: string) => `${x}\ud800`, (x: string) => `${x}${"x".repeat(100_000)}`];
  const nested = (depth: number) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
  return [
    ...strings.flatMap((p) => spoilt.map((poison) => asJson(JSON.stringify(poisonStrings(base, [p], poison))))),
    ...objectPaths(base).flatMap((p) => [
      asJson(spliceFragment(base, p, nested(MAX_FREE_FORM_DEPTH), "deep")),
      asJson(spliceFragment(base, p, nested(20_000), "deep")),
      asJson(spliceFragment(base, p, '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}', "__proto__")),
    ]),
  ];
}

/** One past the depth a free-form field allows (lib/validation/json.ts MAX_JSON_DEPTH is 32). */
const MAX_FREE_FORM_DEPTH = 33;

/** A body that is not the JSON object an endpoint reads. */
export const wholeBody: fc.Arbitrary<WireBody> = fc.oneof(
  fc.constantFrom("", "{", "nope", "\u0000", "{'a':1}", '{"a":1,}', "[]", "null", "1", '"s"', "[{}]", "\ufeff{}", '{"a":1}{"b":2}').map((text) => ({
    text,
    contentType: "application/json",
  })),
  deepFragment.map((text) => ({ text, contentType: "application/json" })),
  protoFragment.map((text) => ({ text, contentType: "application/json" })),
  fc.constant({ text: `{"pad":"${"x".repeat(2 * 1024 * 1024)}"}`, contentType: "application/json" }),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ text: Buffer.from(bytes).toString("latin1"), contentType: "application/octet-stream" })),
);

/** A valid JSON text sent as something else, or a form sent as JSON. */
export function wrongContentType(text: string): fc.Arbitrary<WireBody> {
  return fc.constantFrom<WireBody>(
    { text, contentType: "text/plain" },
    { text, contentType: null },
    { text, contentType: "application/x-www-form-urlencoded" },
    { text, contentType: "multipart/form-data; boundary=fuzz" },
    { text, contentType: "multipart/form-data" },
    { text, contentType: "application/json; charset=utf-16" },
    { text: "a=1&b=%00&c=%E0%A4%A", contentType: "application/json" },
    { text: '--fuzz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--fuzz--', contentType: "multipart/form-data; boundary=fuzz" },
  );
}

/** Path segments no id looks like. */
export const badPathId = fc.oneof(
  fc.constantFrom(
    "../",
    "../../etc/passwd",
    "..%2F..%2Fx",
    "0",
    "-1",
    "1.5",
    "1e3",
    " 7",
    "7 ",
    "0x10",
    "2147483648",
    "99999999999999999999999999",
    "１２",
    "١٢",
    "😀",
    "\u0000",
    "%00",
    "null",
    "[object Object]",
    "00000000-0000-0000-0000-000000000000",
    "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
    "00000000-0000-0000-0000-0000000000000",
    "'; select 1; --",
  ),
  fc.integer({ min: 300, max: 5000 }).map((n) => "9".repeat(n)),
  fc.string({ unit: "binary", maxLength: 30 }),
);

/** Query strings with bad paging, filters and ids. */
export const badQuery = fc
  .array(
    fc.tuple(
      fc.constantFrom("limit", "offset", "person_id", "status_filter", "search", "q", "page", "__proto__", "download"),
      fc.oneof(
        fc.constantFrom("-1", "0", "1e400", "Infinity", "NaN", "2147483648", "99999999999999999999", "1.5", "", "\u0000", "%", "abc", "１"),
        fc.string({ unit: "binary", maxLength: 20 }),
        fc.integer({ min: 1000, max: 20000 }).map((n) => "9".repeat(n)),
      ),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((pairs) => new URLSearchParams(pairs).toString());

/** A multipart form with one field replaced by a bad string or removed, or the form's text fields only. */
export function mutatedForm(base: Record<string, string | Blob>): fc.Arbitrary<Record<string, string | Blob>> {
  const fields = Object.keys(base);
  return fc.oneof(
    fc.tuple(fc.constantFrom(...fields), badString).map(([f, v]) => ({ ...base, [f]: v })),
    fc.constantFrom(...fields).map((f) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== f))),
    fc.tuple(fc.constantFrom(...fields), fc.uint8Array({ maxLength: 256 })).map(([f, bytes]) => ({ ...base, [f]: new Blob([bytes]) })),
    fc.tuple(badKey, badString).map(([k, v]) => ({ ...base, [k || "x"]: v })),
  );
}
