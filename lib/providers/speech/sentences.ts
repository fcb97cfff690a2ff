// Words whose trailing dot does not end a sentence ("Dr. Lee", "e.g. this").
const ABBREVIATIONS = new Set(["mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "vs", "etc", "e.g", "i.e", "approx", "no", "inc", "ltd", "co"]);

/**
 * Splits narration into sentences, keeping each sentence's own punctuation and closing quotes.
 * Line breaks also end a sentence. Decimal numbers ("3.5") and common abbreviations do not.
 * Pure; returns [] for blank text.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n+/)) {
    // A terminator run, optional closing quotes/brackets, then whitespace or the end of the line.
    const re = /[.!?\u2026]+["'\u201d\u2019)\]]*(?=\s|$)/g;
    let start = 0;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      const end = m.index + m[0].length;
      if (m[0] === "." && isAbbreviation(line.slice(start, m.index))) continue;
      push(out, line.slice(start, end));
      start = end;
    }
    push(out, line.slice(start));
  }
  return out;
}

function isAbbreviation(before: string): boolean {
  const word = /([A-Za-z.]+)$/.exec(before)?.[1]?.toLowerCase();
  if (!word) return false;
  // A lone capital ("J. Smith") is an initial, not the end of a sentence.
  return ABBREVIATIONS.has(word) || (/^[a-z]$/.test(word) && /[A-Z]$/.test(before));
}

function push(out: string[], s: string) {
  const t = s.replace(/\s+/g, " ").trim();
  if (t) out.push(t);
}
