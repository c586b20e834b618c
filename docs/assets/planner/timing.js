// Timing rules of the planner: clock times, per-person rounds, earliest/latest finish and warnings.
//
// This is the JavaScript twin of macros/timing.py, which lays out the handbook's session templates.
// Both run tests/timing_cases.json and a randomized differential test (tests/test_timing.py), so the
// two cannot disagree untested. Keep the order of the warnings exactly as the Python side has it.

import { SHARED } from "./shared.js";
// "ei sovi etätapaamiseen": the meeting's mode as the mode warning says it (MODE_TO in timing.py).
const MODE_TO = { lähi: "lähitapaamiseen", etä: "etätapaamiseen", hybridi: "hybriditapaamiseen" };

////////////////////////////////////////////////////////////////////////////////
// Clock
////////////////////////////////////////////////////////////////////////////////

export function parseClock(text) {
  const match = SHARED.clock.exec(typeof text === "string" ? text : "");
  if (!match) throw new RangeError(`expected a clock time like '9.15', received ${JSON.stringify(text)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function isClock(text) {
  return typeof text === "string" && SHARED.clock.test(text);
}

export function formatClock(minutes) {
  const wrapped = ((minutes % 1440) + 1440) % 1440;
  return `${Math.floor(wrapped / 60)}.${String(wrapped % 60).padStart(2, "0")}`;
}

////////////////////////////////////////////////////////////////////////////////
// Facts and messages
////////////////////////////////////////////////////////////////////////////////

// The facts timing needs of a method of the planner index, like facts_from_index() in Python.
export function methodFacts(entry) {
  return {
    title: entry.name,
    durationMin: entry.duration[0],
    durationMax: entry.duration[1],
    perParticipant: entry.per_participant ?? null,
    sizeMin: entry.group_size[0],
    sizeMax: entry.group_size[1],
    modes: entry.modes,
    phases: entry.phases,
    intensity: entry.intensity,
    debrief: (entry.roles ?? []).includes("purku"),
  };
}

export function factsOf(indexMethods) {
  // A Map, not an object: a method id such as "constructor" must not find Object.prototype.
  return new Map(indexMethods.map((entry) => [entry.id, methodFacts(entry)]));
}

// The Finnish text comes from the index (MESSAGES in timing.py): one copy of every message.
export function messageOf(warning, messages) {
  const template = messages[warning.code] ?? warning.code;
  return template.replace(/\{(\w+)\}/g, (whole, key) => (Object.hasOwn(warning.params, key) ? String(warning.params[key]) : whole));
}

////////////////////////////////////////////////////////////////////////////////
// Schedule
////////////////////////////////////////////////////////////////////////////////

export function blockMinutes(block, method, groupSize) {
  if (method === null) {
    const minutes = Math.trunc(Number(block.minutes || 0));
    return [minutes, minutes, minutes];
  }
  if (method.perParticipant) {
    const minutes = method.perParticipant * groupSize;
    return [minutes, minutes, minutes];
  }
  const planned = Math.trunc(Number(block.minutes || method.durationMin));
  return [planned, Math.min(planned, method.durationMin), Math.max(planned, method.durationMax)];
}

// Lay a plan's blocks on the clock and collect every warning; the result has the shape of Schedule.as_dict().
export function schedule(plan, facts) {
  const size = Math.trunc(Number(plan.group_size));
  let clock = parseClock(plan.start);
  let earliest = clock;
  let latest = clock;
  let day = 1;
  const blocks = [];
  const warnings = [];
  plan.blocks.forEach((block, index) => {
    if (has(block, "new_day")) {
      day += 1;
      clock = earliest = latest = parseClock(block.new_day);
      return;
    }
    const method = has(block, "method") ? facts.get(block.method) ?? null : null;
    const title = titleOf(block, method);
    if (block.at) {
      const fixed = parseClock(block.at);
      if (fixed < clock) {
        warnings.push(warningOf("fixed_passed", index, { title, at: formatClock(fixed), previous: formatClock(clock) }));
      }
      [clock, earliest, latest] = [Math.max(clock, fixed), Math.max(earliest, fixed), Math.max(latest, fixed)];
    }
    const [planned, shortest, longest] = blockMinutes(block, method, size);
    const start = clock;
    [clock, earliest, latest] = [clock + planned, earliest + shortest, latest + longest];
    blocks.push({ index, kind: kindOf(block), title, day, start, end: clock, earliest_end: earliest, latest_end: latest, minutes: planned });
    if (method !== null) warnings.push(...methodWarnings(index, block, method, plan, planned));
  });
  warnings.push(...planWarnings(plan, facts, clock));
  return { blocks, warnings, finish: clock, earliest_finish: earliest, latest_finish: latest };
}

// Own keys only, as Python's `key in dict`: plan data is untrusted and "constructor" is on every prototype.
function has(block, key) {
  return Object.hasOwn(block, key);
}

function warningOf(code, block, params) {
  return { code, block, params };
}

function kindOf(block) {
  return ["method", "activity", "break"].find((kind) => has(block, kind));
}

function titleOf(block, method) {
  if (method !== null) return method.title;
  return String(block.activity || block.break || block.method || "");
}

function methodWarnings(index, block, method, plan, planned) {
  const found = [];
  if (!method.modes.includes(plan.mode)) {
    const modeTo = Object.hasOwn(MODE_TO, plan.mode) ? MODE_TO[plan.mode] : `tapaamismuotoon ${plan.mode}`;
    found.push(warningOf("mode", index, { title: method.title, mode: plan.mode, mode_to: modeTo }));
  }
  const size = Math.trunc(Number(plan.group_size));
  if (!(method.sizeMin <= size && size <= method.sizeMax)) {
    found.push(warningOf("group_size", index, { title: method.title, min: method.sizeMin, max: method.sizeMax, size }));
  }
  if (!method.perParticipant && !(method.durationMin <= planned && planned <= method.durationMax)) {
    found.push(warningOf("minutes_range", index, { title: method.title, minutes: planned, min: method.durationMin, max: method.durationMax }));
  }
  return found;
}

function phasesOf(block, facts) {
  if (has(block, "method")) return facts.get(block.method)?.phases ?? [];
  return block.phase ? [block.phase] : [];
}

function planWarnings(plan, facts, finish) {
  const found = [];
  if (plan.end && finish > parseClock(plan.end)) {
    found.push(warningOf("over_end", null, { finish: formatClock(finish), end: formatClock(parseClock(plan.end)) }));
  }
  found.push(...intensityWarnings(plan, facts));
  const working = plan.blocks.filter((block) => !has(block, "break") && !has(block, "new_day"));
  if (working.length && !working.some((block) => phasesOf(block, facts).includes("aloitus"))) {
    found.push(warningOf("no_opening", null, {}));
  }
  if (working.length && !working.some((block) => phasesOf(block, facts).includes("lopetus"))) {
    found.push(warningOf("no_closing", null, {}));
  }
  return found;
}

// A high-intensity method must be followed by a calmer (not high) working block the same day, and by a
// debrief before the day ends or the next high-intensity method.
function intensityWarnings(plan, facts) {
  const found = [];
  plan.blocks.forEach((block, index) => {
    const method = has(block, "method") ? facts.get(block.method) : undefined;
    if (method === undefined || method.intensity !== "korkea") return;
    const following = workingBlocksOfTheDay(plan.blocks.slice(index + 1));
    if (!following.length) {
      found.push(warningOf("intense_last", index, { title: method.title }));
      return;
    }
    const after = has(following[0], "method") ? facts.get(following[0].method) : undefined;
    if (after !== undefined && after.intensity === "korkea") {
      found.push(warningOf("intense_no_calm", index, { title: method.title }));
    } else if (!untilIntense(following, facts).some((next) => isDebrief(next, facts))) {
      found.push(warningOf("intense_no_debrief", index, { title: method.title }));
    }
  });
  return found;
}

// The working blocks before the next high-intensity method.
function untilIntense(blocks, facts) {
  const found = [];
  for (const block of blocks) {
    const method = has(block, "method") ? facts.get(block.method) : undefined;
    if (method !== undefined && method.intensity === "korkea") break;
    found.push(block);
  }
  return found;
}

// A method whose record says it serves as a debrief, or an own block marked as one.
function isDebrief(block, facts) {
  if (has(block, "method")) return facts.get(block.method)?.debrief === true;
  return has(block, "debrief") && block.debrief === true;
}

// The group goes home at the end of a day, so a new day is the end of the meeting for this rule.
function workingBlocksOfTheDay(blocks) {
  const found = [];
  for (const block of blocks) {
    if (has(block, "new_day")) break;
    if (!has(block, "break")) found.push(block);
  }
  return found;
}
