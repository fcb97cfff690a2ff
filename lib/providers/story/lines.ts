import type { Beat } from "./beats";
import type { Genre } from "./idea-parser";
import { cap, type Slots } from "./slots";
import type { Place } from "./vocabulary";

/**
 * The narrator's lines, by how they stand to the idea (genre) and where the scene sits in the
 * arc (phase). Each line is a few spoken sentences built around the idea's own phrases; null
 * when the idea lacks what the line needs. Present tense, first person, said aloud.
 */
export type Line = (s: Slots, p: Place, here: string) => string[] | null;
export type Phase = "open" | "build" | "tension" | "lift" | "peak" | "close";

const PHASE: Record<Beat, Phase> = {
  hook: "open",
  setup: "build",
  inciting: "build",
  progress: "build",
  struggle: "tension",
  setback: "tension",
  climax: "peak",
  turn: "lift",
  breakthrough: "lift",
  resolution: "close",
  reflection: "close",
};

export const phaseOf = (beat: Beat): Phase => PHASE[beat];

/** The idea's object when it has one apart from the topic, else `alt` (so a line never says the topic twice). */
const aside = (s: Slots, alt: string) => (s.focus !== s.topic ? s.focus : alt);

/** " in Lisbon" when the topic does not already name the place. */
const inLoc = (s: Slots) => (s.locale && !s.topic.includes(s.locale) ? ` in ${s.locale}` : "");

const GUIDE: Record<Phase, Line[]> = {
  open: [
    (s) => [`Welcome to ${s.topic}${inLoc(s)}.`, `Stay close, because ${s.focus} will surprise you.`],
    (s) => [`Today I am taking you through ${s.topic}${inLoc(s)}, one step at a time.`, `By the end, you will see ${aside(s, "it")} the way I do.`],
  ],
  build: [
    (s, p) => [`Let's start with the basics, right here ${p.at}.`, `Look closely at ${s.focus}, because the details matter.`],
    (s, p) => [`Here is the first thing most people miss about ${s.focus}.`, `It is all in the small details ${p.at}.`],
    (s, p) => [`Next, let's go a little deeper into ${s.topic}.`, `Watch what happens ${p.at} when you slow down.`],
    (s) => [`This next part of ${s.topic} is my favourite.`, `Take your time here and notice everything.`],
  ],
  tension: [
    (s) => [`Now comes the tricky part of ${s.topic}.`, `Rush it, and ${s.focus} will not forgive you.`],
    (s) => [`Here is where most people go wrong with ${s.focus}.`, `Slow down, breathe, and do it properly.`],
    (s, p) => [`This step takes patience, even for me.`, `With ${s.focus}, waiting a little longer ${p.at} always pays off.`],
  ],
  lift: [
    (s) => [`And there it is.`, `See the difference? That is ${s.focus}, done right.`],
    (s, p) => [`See how it all comes together ${p.at}?`, `That is the secret of ${s.focus}, and now you know it too.`],
  ],
  peak: [
    (s) => [`Everything so far has led to this moment.`, `All eyes on ${s.focus}, so watch closely.`],
    (s) => [`Here is the finale of ${s.topic}.`, `If you remember one thing from today, make it this.`],
  ],
  close: [
    (s) => [`And that is ${s.topic}${inLoc(s)}, from start to finish.`, `Next time someone mentions ${aside(s, s.locale ?? "it")}, you will remember this.`],
    (s) => [`So there you have it: ${s.topic}${inLoc(s)}.`, `If this helped, share it with someone who loves ${aside(s, s.topic)}.`],
    (s, _p, h) => [
      `That wraps up ${s.topic}.`,
      `There is plenty more to see ${h === s.locale ? `in ${h}` : "out there"}, but I will never forget ${aside(s, "this one")}.`,
    ],
  ],
};

const STORY: Record<Phase, Line[]> = {
  open: [
    // Said of any phrase an idea puts after "from" and "to": a place, a state ("single"), an act ("opening her own bakery").
    (s) => (s.kind === "journey" && s.from && s.to ? [`It is a long way from ${s.from} to ${s.to}.`, `I take the first step anyway.`] : null),
    (s, _p, h) =>
      s.kind === "day-in-life" && s.aRole
        ? [`Before ${h} wakes up, my day as ${s.aRole} has already begun.`, `Come along and see what it really takes.`]
        : null,
    (s) => (s.action ? [`I never thought I could ${s.action}.`, `This is the story of how I learned, one try at a time.`] : null),
    (s) => [`${cap(s.topic)} starts now${s.locale && !s.topic.includes(s.locale) ? `, here in ${s.locale}` : ""}.`, `My heart is already racing.`],
    (s) =>
      /^\p{L}+ing\b/u.test(s.topic)
        ? null
        : [`I have been waiting a long time for ${s.topic}.`, `Now it is finally here${inLoc(s)}, and I am not sure I am ready.`],
  ],
  build: [
    (s, p) => [`I take a deep breath ${p.at} and look around.`, `Every detail of ${s.topic} feels sharper than usual.`],
    (s, p) => [`${cap(s.topic)} is already moving faster than I planned.`, `I try to take it all in, right here ${p.at}.`],
    (s) => [`Little by little, I settle into ${s.topic}.`, `The nerves are still there, but they are quieter now.`],
    (s, p) => [`So far, so good.`, `Everything ${p.at} hums around me, and I find my rhythm with ${aside(s, "it")}.`],
  ],
  tension: [
    (s) => (s.action ? [`My first attempts to ${s.action} are a disaster.`, `Honestly, I almost give up more than once.`] : null),
    (s) => [`Then it gets hard.`, `Halfway through ${s.topic}, every part of me wants to stop.`],
    (_s, p) => [`This is the part nobody warned me about.`, `Everything ${p.at} suddenly feels enormous, and I feel very small.`],
    (s) => [`For a moment, I almost lose my nerve.`, `But I did not come this far to give up on ${s.topic}.`],
  ],
  lift: [
    (s, p) => (s.action ? [`Then one morning, I finally manage to ${s.action}.`, `I laugh out loud, alone ${p.at}.`] : null),
    (s, p) => [`Then something shifts.`, `I find my feet ${p.at}, and everything about ${s.focus} finally makes sense.`],
    (s, p) => [`And just like that, it clicks.`, `I laugh out loud ${p.at}, right in the middle of ${s.topic}.`],
  ],
  peak: [
    (s) => [`This is the moment everything has built toward.`, `Heart pounding, I give ${s.topic} everything I have.`],
    (s, p) => [`Heart pounding, I step forward ${p.at}.`, `Everything I have poured into ${s.topic} comes down to this.`],
  ],
  close: [
    (s) => (s.from && s.to ? [`Every single step counted.`, `From ${s.from} to ${s.to}, I would take each one again.`] : null),
    (s, _p, h) =>
      s.kind === "day-in-life" && s.aRole
        ? [`As night falls over ${h}, I count the small victories.`, `Tomorrow, I get to be ${s.aRole} all over again.`]
        : null,
    (s, p) => (s.action ? [`Now I can ${s.action} without even thinking.`, `If I could learn it ${p.at}, so can you.`] : null),
    (s, _p, h) => [`As ${s.topic} comes to an end, I finally let myself breathe.`, `${cap(h)} will always be part of this story now.`],
    (s, p) => [`So that was ${s.topic}${inLoc(s)}.`, `I leave ${p.name} tired, proud and already smiling about ${aside(s, "all of it")}.`],
    (s, p) => [`${cap(s.topic)} is done${inLoc(s)}.`, `I will be telling people about ${aside(s, `this day ${p.at}`)} for years.`],
    (s, p) => [`I made it through ${s.topic}.`, `Whatever comes next, I will remember how it felt ${p.at}.`],
    (s, p) => [`That is how ${s.topic} ends: tired, happy and a little bit changed.`, `I would not trade those hours ${p.at} for anything.`],
  ],
};

const PORTRAIT: Record<Phase, Line[]> = {
  open: [
    (s) => [`Meet ${s.topic}.`, `Look closely, because there is more going on here than you might think.`],
    (s, p) => [`This is ${s.topic}, ${p.at}${inLoc(s)}.`, `Stay a while, and you will see why I love it.`],
  ],
  build: [
    (s, p) => (s.other ? [`Every day starts the same way ${p.at}.`, `${cap(s.other)} has a routine, and nothing gets in the way of it.`] : null),
    (s) => [`Watch closely now.`, `This is where ${s.topic} really comes to life.`],
    (s, p) => [`I could watch this for hours.`, `Everything ${p.at} feels calmer with ${s.other ?? s.topic} around.`],
    (s) => [`Some details only show up if you wait.`, `Look at ${s.focus}, and you will understand.`],
  ],
  tension: [
    (s, p) => [`Of course, not everything goes to plan.`, `${cap(s.other ?? s.topic)} runs into trouble ${p.at}.`],
    (s) => [`Then, trouble.`, `For a moment, it looks like ${s.topic} might not make it.`],
    (s) => [`I hold my breath.`, `Nobody knows what ${s.other ?? s.topic} will do next.`],
  ],
  lift: [
    (s, p) => [`But ${s.other ?? s.topic} never gives up.`, `And sure enough, it all works out ${p.at}.`],
    (s, p) => [`Then a small miracle happens ${p.at}.`, `Even ${s.other ?? s.topic} seems surprised.`],
  ],
  peak: [
    (s) => [`Here it comes, the big moment.`, `${cap(s.other ?? s.topic)} is ready, and so am I.`],
    (s, p) => [`Everything ${p.at} goes quiet.`, `This is what ${s.other ?? s.topic} has been waiting for.`],
  ],
  close: [
    (s, _p, h) => [`And that is ${s.topic}, exactly as I will always remember it.`, `${cap(h)} would not be the same without ${s.other ?? "it"}.`],
    (s, p) => [`Some things never change, and ${s.other ?? s.topic} is one of them.`, `I hope ${p.name} stays exactly like this.`],
    (s, p) => [`Tomorrow, ${s.other ?? s.topic} will be at it again.`, `And I will be right here ${p.at}, watching ${aside(s, "every minute of it")}.`],
  ],
};

export const LINES: Record<Genre, Record<Phase, Line[]>> = { guide: GUIDE, story: STORY, portrait: PORTRAIT };
