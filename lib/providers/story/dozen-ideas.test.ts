import { describe, expect, it } from "vitest";
import { chooseStyle, makeRandom } from "@/lib/providers/image/scene-style";
import { estimateCost } from "@/lib/projects/cost";
import { scenePlanSchema, type ScenePlan, type StoryCharacter } from "./index";
import { planScenes } from "./local";

const maya: StoryCharacter = {
  name: "Maya Chen",
  description: "a 30-year-old woman with curly dark hair and round glasses",
  persona: "Warm, thoughtful maker who explains things plainly",
  styleTags: ["cinematic"],
};

type Term = string | RegExp;

/** Twelve everyday ideas and what each names: every term must come back in the plan's own words. */
const DOZEN: Array<{ idea: string; everywhere: Term[]; pictured?: Term[] }> = [
  { idea: "A Lisbon street-food tour", everywhere: ["Lisbon", /street[- ]food/i] },
  { idea: "My grandmother's garden in winter", everywhere: ["grandmother", "garden"], pictured: ["winter", "snow"] },
  { idea: "A startup founder's launch day in Berlin", everywhere: ["Berlin", "launch day"], pictured: ["founder"] },
  { idea: "A cat who steals socks", everywhere: ["cat"], pictured: ["socks"] },
  { idea: "A rainy night chase in Tokyo", everywhere: ["Tokyo", "chase"], pictured: ["rain", "night"] },
  { idea: "A morning surf lesson in Biarritz", everywhere: ["Biarritz", "surf"], pictured: ["beach"] },
  { idea: "A product demo of a coffee grinder", everywhere: ["coffee grinder"] },
  { idea: "A history lesson about the Roman aqueducts", everywhere: ["Roman aqueducts"], pictured: ["aqueduct"] },
  { idea: "A marathon runner's last mile", everywhere: ["last mile"], pictured: ["marathon runner"] },
  { idea: "A kid's first day at school", everywhere: ["first day"], pictured: ["kid", "school"] },
  { idea: "A desert road trip at sunset", everywhere: ["desert", "road trip"], pictured: ["golden-hour"] },
  { idea: "A recipe for lemon tart", everywhere: ["lemon tart"], pictured: ["kitchen"] },
];

// The review's own example: a leading number once became "the first glimpse of the 30-second".
const EXTRA: typeof DOZEN = [
  { idea: "A 30-second ad for our new running shoes", everywhere: ["running shoes"] },
  // Journeys: both ends as the idea says them, whatever they are (a number, a state, an act).
  { idea: "From zero to one hundred subscribers", everywhere: ["from zero to one hundred subscribers"] },
  { idea: "The road from single to married", everywhere: ["from single to married"] },
  {
    idea: "A baker's journey from a tiny village kitchen to opening her own bakery in Paris",
    everywhere: ["from a tiny village kitchen to opening her own bakery", "Paris"],
  },
];

const SCENE_COUNTS = [3, 5, 8];
const sentences = (text: string) => text.split(/(?<=[.!?])\s+/).filter(Boolean);
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const has = (text: string, term: Term) => (typeof term === "string" ? text.toLowerCase().includes(term.toLowerCase()) : term.test(text));
const joined = (plans: ScenePlan[], field: keyof ScenePlan) => plans.map((p) => p[field]).join(" ");

// Phrases the old template planner produced: template seams, fixed closings, broken grammar.
const KNOWN_BAD = [
  /first glimpse of/i,
  /nearly quit twice/i,
  /this is only the beginning/i,
  /\bthe (a|an|the|my)\b/i,
  /\b(a|an) (a|an|the|my)\b/i,
  /\b(of|the|a|an|to|with|and|in|at)[.!?]$/i,
  /,\s*,/,
  /\s[,.!?]/,
  /\bundefined\b|\bnull\b|\$\{/,
];

function grammarProblems(text: string): string[] {
  const problems: string[] = [];
  const doubled = text.match(/\b(\p{L}+)\s+\1\b/iu);
  if (doubled) problems.push(`doubled word "${doubled[0]}"`);
  for (const s of sentences(text)) {
    if (!/[.!?]$/.test(s)) problems.push(`no closing punctuation: "${s}"`);
    if (!/^[\p{Lu}\p{N}"']/u.test(s)) problems.push(`starts lower case: "${s}"`);
    for (const bad of KNOWN_BAD) if (bad.test(s)) problems.push(`${bad} in "${s}"`);
  }
  return problems;
}

describe("a dozen everyday ideas", () => {
  it.each([...DOZEN, ...EXTRA])("$idea: keeps the idea's own places, people and things", ({ idea, everywhere, pictured = [] }) => {
    for (const n of SCENE_COUNTS) {
      const plans = planScenes({ idea, numScenes: n, character: maya });
      for (const term of everywhere) {
        for (const field of ["description", "imagePrompt", "narrationText"] as const) {
          expect(has(joined(plans, field), term), `${field} of "${idea}" (${n} scenes) lacks ${term}`).toBe(true);
        }
      }
      for (const term of pictured) expect(has(joined(plans, "imagePrompt"), term), `image prompts of "${idea}" lack ${term}`).toBe(true);
    }
  });

  it.each([...DOZEN, ...EXTRA])("$idea: schema-valid, exactly numScenes, deterministic and grammatical", ({ idea }) => {
    for (const n of [2, ...SCENE_COUNTS, 10]) {
      const plans = planScenes({ idea, numScenes: n, character: maya });
      expect(plans).toHaveLength(n);
      expect(planScenes({ idea, numScenes: n, character: maya })).toEqual(plans);
      for (const p of plans) {
        expect(scenePlanSchema.safeParse(p).success).toBe(true);
        expect(grammarProblems(p.narrationText), p.narrationText).toEqual([]);
        expect(grammarProblems(p.description), p.description).toEqual([]);
        expect(p.imagePrompt).not.toMatch(/,\s*,|\bundefined\b/);
      }
    }
  });

  it.each(DOZEN)("$idea: narration is spoken sentences of about ten seconds each", ({ idea }) => {
    for (const n of SCENE_COUNTS) {
      const plans = planScenes({ idea, numScenes: n, character: maya });
      // The quote times each line: a scene lasts its narration plus a breath, none outrunning the 10-second unit, none a mere sliver.
      const quote = estimateCost(plans.map((p, i) => ({ sceneNumber: i + 1, narrationText: p.narrationText })));
      for (const s of quote.scenes) {
        expect(s.seconds).toBeGreaterThanOrEqual(6);
        expect(s.seconds).toBeLessThanOrEqual(10);
      }
      for (const p of plans) {
        // ~150 words a minute: 16-30 words is 6.5-12 s, most lines land on 20-25.
        expect(words(p.narrationText), p.narrationText).toBeGreaterThanOrEqual(16);
        expect(words(p.narrationText), p.narrationText).toBeLessThanOrEqual(30);
        for (const s of sentences(p.narrationText)) expect(words(s), s).toBeLessThanOrEqual(24);
      }
    }
  });

  it("paints the hour the idea names, not the occasion: 'first morning at dawn' is dawn, 'a rainy night chase' night in the rain", () => {
    const paint = (idea: string) => planScenes({ idea, numScenes: 4, character: maya }).map((p) => chooseStyle(p.imagePrompt, makeRandom(p.imagePrompt)));
    expect(paint("Her first morning at dawn on the farm").map((s) => [s.time, s.setting])).toEqual(Array(4).fill(["dawn", "garden"]));
    expect(paint("A rainy night chase in Tokyo").map((s) => [s.time, s.weather])).toEqual(Array(4).fill(["night", "rain"]));
  });

  it("ends every idea in its own words: no closing sentence is shared by two ideas", () => {
    // The seed comes from the idea and the character's name, so several names try several line choices.
    const casts = ["warm and plain", "dry, sarcastic humor", "energetic and bold", "serious expert"].flatMap((persona) =>
      ["Maya Chen", "Sam", "Ana Costa", ""].map((name) => ({ ...maya, name, persona })),
    );
    for (const character of casts) {
      for (const n of SCENE_COUNTS) {
        const owner = new Map<string, string>();
        for (const { idea } of DOZEN) {
          const plans = planScenes({ idea, numScenes: n, character });
          for (const s of sentences(plans[plans.length - 1].narrationText)) {
            const key = s.toLowerCase();
            expect(owner.get(key) ?? idea, `"${s}" ends both "${owner.get(key)}" and "${idea}"`).toBe(idea);
            owner.set(key, idea);
          }
        }
      }
    }
  });
});
