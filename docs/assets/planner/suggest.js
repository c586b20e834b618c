// Suggest a whole meeting: methods that suit the mode and the group's size, per-person rounds scaled to
// the group, an opening and a closing, a debrief after any high-intensity method, all within the time.
// Deterministic: the same request and seed give the same plan, so a suggestion can be tested and shared.
// No DOM here.

import { methodBlock } from "./plan.js";
import { formatClock, parseClock } from "./timing.js";

export const SUGGEST_PHASES = ["tutustuminen", "työskentely", "reflektio"];
const BREAK_FROM = 120;
const BREAK_MINUTES = 10;

export class SuggestError extends Error {}

// A small, well-known seeded generator (mulberry32): 32-bit state, the same sequence in every browser.
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// `request`: {minutes, group_size, mode, start, phases (of SUGGEST_PHASES)}; `used`: method ids the
// group has tried, which come last. Returns the plan's fields {start, end, blocks} or throws SuggestError.
export function suggestPlan(request, indexMethods, { seed = 1, used = new Set() } = {}) {
  const random = seededRandom(seed);
  const { minutes: total, group_size: size, mode } = request;
  const endClock = parseClock(request.start) + total;
  if (endClock >= 1440) throw new SuggestError("Ehdotettu tapaaminen menisi yli puolenyön: aloita aiemmin tai lyhennä kestoa.");
  const suits = indexMethods.filter((method) => method.modes.includes(mode) && method.group_size[0] <= size && size <= method.group_size[1]);
  // Untried first; methods that mark a course's arc (ground rules, a mid-way evaluation) belong to
  // particular meetings of a series, so they come last.
  const rank = (method) => Number(used.has(method.id)) + 2 * Number((method.roles ?? []).some((role) => role !== "purku"));
  const ordered = shuffled(suits, random).sort((a, b) => rank(a) - rank(b));
  const debriefs = ordered.filter((method) => method.intensity !== "korkea" && (method.roles ?? []).includes("purku"));
  const pause = total >= BREAK_FROM ? BREAK_MINUTES : 0;
  let budget = total - pause;
  const picked = new Set();
  const take = (method) => {
    picked.add(method.id);
    budget -= shortest(method, size);
    return { method, minutes: shortest(method, size) };
  };
  const fits = (method, reserve = 0) => !picked.has(method.id) && shortest(method, size) + reserve <= budget;

  // The closing first, so the opening and the work never leave it without time.
  const closing = ordered.find((method) => method.phases.includes("lopetus") && method.intensity !== "korkea" && fits(method));
  if (!closing) throw new SuggestError("Tähän aikaan ja ryhmälle ei löytynyt sopivaa lopetusta: pidennä tapaamista tai muuta ryhmän kokoa.");
  const end = take(closing);
  const opening = ordered.find((method) => method.phases.includes("aloitus") && method.intensity !== "korkea" && fits(method));
  if (!opening) throw new SuggestError("Tähän aikaan ja ryhmälle ei löytynyt sopivaa aloitusta: pidennä tapaamista tai muuta ryhmän kokoa.");
  const middle = [take(opening)];

  // One method per wanted phase, in the phases' order; a high-intensity one only with a debrief after it.
  const wanted = SUGGEST_PHASES.filter((phase) => request.phases.includes(phase));
  for (const phase of wanted) addWorking(middle, ordered, debriefs, phase, fits, take, size);
  // Time left over: more work, as long as a method still fits.
  for (let round = 0; round < 6 && budget > 0; round += 1) {
    if (!addWorking(middle, ordered, debriefs, wanted.includes("työskentely") || !wanted.length ? "työskentely" : wanted[wanted.length - 1], fits, take, size)) break;
  }
  stretch([...middle, end], budget, size, random);

  const blocks = middle.map(blockOf);
  // The break after the first working block, never between an intense method and its debrief.
  if (pause) {
    let at = Math.min(2, blocks.length);
    while (at < blocks.length && middle[at - 1].method.intensity === "korkea") at += 1;
    blocks.splice(at, 0, { break: "Tauko", minutes: pause });
  }
  blocks.push(blockOf(end));
  return { start: request.start, end: formatClock(endClock), blocks };
}

// Adds one working method of `phase` (with its debrief when intense); false when none fits.
function addWorking(middle, ordered, debriefs, phase, fits, take, size) {
  for (const method of ordered) {
    if (!method.phases.includes(phase) || !fits(method)) continue;
    if (method.intensity !== "korkea") {
      middle.push(take(method));
      return true;
    }
    // The closing counts as the debrief only when it is one and comes right after.
    const debrief = debriefs.find((candidate) => fits(candidate, shortest(method, size)));
    if (!debrief) continue;
    middle.push(take(method), take(debrief));
    return true;
  }
  return false;
}

function shortest(method, size) {
  return method.per_participant ? method.per_participant * size : method.duration[0];
}

// The minutes left go to methods that can run longer, up to their longest, a random share at a time.
function stretch(chosen, budget, size, random) {
  let left = budget;
  const flexible = chosen.filter((entry) => !entry.method.per_participant);
  while (left > 0 && flexible.some((entry) => entry.minutes < entry.method.duration[1])) {
    const open = flexible.filter((entry) => entry.minutes < entry.method.duration[1]);
    const entry = open[Math.floor(random() * open.length)];
    const step = Math.min(left, entry.method.duration[1] - entry.minutes, 5);
    entry.minutes += step;
    left -= step;
  }
}

function blockOf({ method, minutes }) {
  return method.per_participant ? methodBlock(method) : { method: method.id, minutes };
}

function shuffled(items, random) {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}
