// A series (course) of meetings for one group: each meeting is a plan of its own, the series keeps which
// plans belong to it, in what order and which were held. Pure: new series from a process record or from
// scratch, meeting dates from a cadence, strict validation of untrusted series (browser storage, links),
// and the series warnings (a method repeated, the arc the process asks for). No DOM here.

import { LIMITS, PlanError, methodBlock, newPlan, planFromSession, validatePlan } from "./plan.js";
import { formatClock, isClock, parseClock } from "./timing.js";
import { SHARED } from "./shared.js";

export const COURSE_LIMITS = { meetings: 20, name: 200, place: 200 };
export const CADENCES = ["weekly", "biweekly", "monthly", "dates"];
export const CADENCE_LABELS = { weekly: "joka viikko", biweekly: "joka toinen viikko", monthly: "kerran kuukaudessa", dates: "päivät valitaan yksitellen" };

const COURSE_FIELDS = ["id", "name", "group", "process", "group_size", "mode", "start", "place", "cadence", "meetings", "repeats"];
const MEETING_FIELDS = ["plan", "held"];
const ID = /^[a-z0-9]{1,32}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

////////////////////////////////////////////////////////////////////////////////
// Dates
////////////////////////////////////////////////////////////////////////////////

// `count` ISO dates from `first` at the cadence; for picked dates only the first is known.
export function meetingDates(first, cadence, count) {
  const match = DATE.exec(first ?? "");
  if (!match) return Array(count).fill("");
  const [year, month, day] = match.slice(1).map(Number);
  return Array.from({ length: count }, (_, index) => {
    if (index > 0 && cadence === "dates") return "";
    if (cadence === "monthly") {
      // The same day of the month, or the month's last day when it has fewer (31.1. → 28.2.).
      const last = new Date(Date.UTC(year, month - 1 + index + 1, 0)).getUTCDate();
      return isoDate(new Date(Date.UTC(year, month - 1 + index, Math.min(day, last))));
    }
    const step = cadence === "biweekly" ? 14 : 7;
    return isoDate(new Date(Date.UTC(year, month - 1, day + step * index)));
  });
}

function isoDate(date) {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}-${String(date.getUTCDate()).padStart(2, "0")}`;
}

////////////////////////////////////////////////////////////////////////////////
// New series
////////////////////////////////////////////////////////////////////////////////

// {course, plans}: the series without its id and its meetings' plans without theirs, in order.
// `settings`: {name, group, group_size, mode, first_date, start, place, cadence, count}; `process` is an
// index process or null (from scratch: `count` empty meetings).
export function draftCourse(settings, process, index, vocabulary) {
  const sessions = new Map(index.sessions.map((session) => [session.id, session]));
  const methods = new Map(index.methods.map((method) => [method.id, method]));
  const count = process ? process.sequence.length : settings.count;
  const dates = meetingDates(settings.first_date, settings.cadence, count);
  const common = { group: settings.group, group_size: settings.group_size, mode: settings.mode, start: settings.start };
  const plans = dates.map((date, position) => {
    const meeting = process?.sequence[position];
    const base = meeting ? meetingPlan(meeting, sessions, methods, vocabulary) : newPlan({ name: `${position + 1}. tapaaminen` });
    return { ...base, ...common, end: shiftedEnd(base, settings.start), date };
  });
  const course = {
    name: settings.name, group: settings.group, process: process?.id ?? "", group_size: settings.group_size, mode: settings.mode,
    start: settings.start, place: settings.place, cadence: settings.cadence, meetings: [], repeats: process ? processRepeats(process, sessions) : [],
  };
  return { course, plans };
}

function meetingPlan(meeting, sessions, methods, vocabulary) {
  const session = meeting.session ? sessions.get(meeting.session) : undefined;
  const fields = { name: meeting.title.slice(0, LIMITS.title), purpose: meeting.purpose.slice(0, LIMITS.text) };
  if (session) return { ...planFromSession(session, vocabulary).plan, ...fields };
  return newPlan({ ...fields, blocks: meeting.methods.filter((id) => methods.has(id)).map((id) => methodBlock(methods.get(id))) });
}

// A template's end time moves with its start, so the meeting keeps its length.
function shiftedEnd(plan, start) {
  if (!plan.end || !isClock(start)) return plan.end ?? "";
  const length = parseClock(plan.end) - parseClock(plan.start);
  return length > 0 && parseClock(start) + length < 1440 ? formatClock(parseClock(start) + length) : "";
}

// Methods the process itself uses in more than one meeting repeat on purpose (a check-in each time).
function processRepeats(process, sessions) {
  const counts = new Map();
  for (const meeting of process.sequence) {
    for (const id of processMeetingMethods(meeting, sessions)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return [...counts].filter(([, count]) => count > 1).map(([id]) => id).sort();
}

function processMeetingMethods(meeting, sessions) {
  const session = meeting.session ? sessions.get(meeting.session) : undefined;
  const fromSession = session ? session.blocks.filter((block) => Object.hasOwn(block, "method")).map((block) => block.method) : [];
  return new Set([...meeting.methods, ...fromSession]);
}

////////////////////////////////////////////////////////////////////////////////
// Warnings of a series
////////////////////////////////////////////////////////////////////////////////

// Finnish warnings of the series: each is {text, method?} (method: a repeat that can be allowed).
// `methods`: the index's methods by id (the planner keeps one map, so a change does not rebuild it).
export function courseWarnings(course, plansById, index, methods = new Map(index.methods.map((method) => [method.id, method]))) {
  const plans = course.meetings.map((meeting) => plansById.get(meeting.plan) ?? null);
  return [...repeatWarnings(course, plans, methods), ...arcWarnings(course, plans, index, methods)];
}

function methodsOf(plan) {
  return plan ? new Set(plan.blocks.filter((block) => Object.hasOwn(block, "method")).map((block) => block.method)) : new Set();
}

function repeatWarnings(course, plans, methods) {
  const where = new Map();
  plans.forEach((plan, position) => {
    for (const id of methodsOf(plan)) where.set(id, [...(where.get(id) ?? []), position + 1]);
  });
  const found = [];
  for (const [id, meetings] of where) {
    if (meetings.length < 2 || course.repeats.includes(id) || !methods.has(id)) continue;
    found.push({ method: id, text: `Menetelmä ”${methods.get(id).name}” toistuu tapaamisissa ${listText(meetings.map(String))}.` });
  }
  return found;
}

// What the process asks of the arc, read from its own meetings; from scratch, the whole Verme arc.
export function arcOf(process, index, count, methods) {
  if (!process) return { opening: ["odotukset", "pelisäännöt"], midway: count >= 4, closing: true };
  const sessions = new Map(index.sessions.map((session) => [session.id, session]));
  const rolesOf = (meeting) => new Set([...processMeetingMethods(meeting, sessions)].flatMap((id) => methods.get(id)?.roles ?? []));
  const sequence = process.sequence;
  const first = rolesOf(sequence[0]);
  return {
    opening: ["odotukset", "pelisäännöt"].filter((role) => first.has(role)),
    midway: sequence.slice(1, -1).some((meeting) => rolesOf(meeting).has("väliarviointi")),
    closing: sequence.length > 1 && rolesOf(sequence[sequence.length - 1]).has("päätös"),
  };
}

const ARC_WORDS = {
  odotukset: "ei käydä läpi ryhmäläisten odotuksia",
  pelisäännöt: "ei sovita ryhmän pelisäännöistä",
};

function arcWarnings(course, plans, index, methods) {
  if (!plans.length) return [];
  const process = index.processes?.find((candidate) => candidate.id === course.process) ?? null;
  const arc = arcOf(process, index, plans.length, methods);
  const rolesOf = (plan) => new Set([...methodsOf(plan)].flatMap((id) => methods.get(id)?.roles ?? []));
  const example = (role) => {
    const names = examplesOf(index)[role] ?? [];
    return names.length ? ` (esimerkiksi menetelmä ${names.slice(0, 2).map((name) => `”${name}”`).join(" tai ")})` : "";
  };
  const found = [];
  const first = rolesOf(plans[0]);
  for (const role of arc.opening) {
    if (!first.has(role)) found.push({ text: `Sarjan ensimmäisessä tapaamisessa ${ARC_WORDS[role]}${example(role)}.` });
  }
  if (arc.midway && plans.length >= 3 && !plans.slice(1, -1).some((plan) => rolesOf(plan).has("väliarviointi"))) {
    found.push({ text: `Sarjasta puuttuu väliarviointi: lisää se jonkin keskivaiheen tapaamisen ohjelmaan${example("väliarviointi")}.` });
  }
  if (arc.closing && plans.length >= 2 && !rolesOf(plans[plans.length - 1]).has("päätös")) {
    found.push({ text: `Sarjan viimeisessä tapaamisessa ei päätetä sarjaa: lisää sen ohjelmaan päättävä menetelmä${example("päätös")}.` });
  }
  return found;
}

// The names of the methods of each role, once per index: a warning names two as examples.
const EXAMPLES = new WeakMap();
function examplesOf(index) {
  if (!EXAMPLES.has(index)) {
    const found = {};
    for (const method of index.methods) for (const role of method.roles ?? []) (found[role] ??= []).push(method.name);
    EXAMPLES.set(index, found);
  }
  return EXAMPLES.get(index);
}

export function listText(items) {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} ja ${items[items.length - 1]}`;
}

////////////////////////////////////////////////////////////////////////////////
// Validation of untrusted series (browser storage)
////////////////////////////////////////////////////////////////////////////////

// A fresh series built only from checked fields, or PlanError listing every problem in Finnish.
export function validateCourse(data, vocabulary) {
  const problems = [];
  if (!isRecord(data)) throw new PlanError(["sarja ei ole tietue"]);
  for (const key of Object.keys(data)) if (!COURSE_FIELDS.includes(key)) problems.push(`tuntematon kenttä ”${key.slice(0, 40)}”`);
  const course = {
    id: field(data, "id", (value) => typeof value === "string" && ID.test(value), "tunniste puuttuu tai on virheellinen", problems),
    ...courseFields(data, vocabulary, problems),
    meetings: [],
  };
  if (!Array.isArray(data.meetings) || data.meetings.length > COURSE_LIMITS.meetings) {
    problems.push(`tapaamiset: odotettiin listaa, jossa on enintään ${COURSE_LIMITS.meetings} tapaamista`);
  } else {
    data.meetings.forEach((meeting, position) => {
      const where = `tapaaminen ${position + 1}`;
      if (!isRecord(meeting)) return problems.push(`${where}: odotettiin tietuetta`);
      for (const key of Object.keys(meeting)) if (!MEETING_FIELDS.includes(key)) problems.push(`${where}: tuntematon kenttä ”${key.slice(0, 40)}”`);
      const plan = field(meeting, "plan", (value) => typeof value === "string" && ID.test(value), `${where}: suunnitelman tunniste puuttuu tai on virheellinen`, problems);
      const held = field(meeting, "held", (value) => typeof value === "boolean", `${where}: pidetty: odotettiin tosi tai epätosi`, problems);
      course.meetings.push({ plan, held });
    });
  }
  if (problems.length) throw new PlanError(problems);
  return course;
}

// The fields a series shares with its share link (everything but its id and its meetings).
export function courseFields(data, vocabulary, problems) {
  const text = (key, limit, label) => field(data, key, (value) => typeof value === "string" && value.length <= limit, `${label}: odotettiin tekstiä, enintään ${limit} merkkiä`, problems);
  return {
    name: text("name", COURSE_LIMITS.name, "nimi"),
    group: text("group", LIMITS.group, "ryhmä"),
    process: field(data, "process", (value) => value === "" || (typeof value === "string" && SHARED.id.test(value) && value.length <= LIMITS.id), "prosessi: odotettiin prosessin tunnusta", problems),
    group_size: field(data, "group_size", (value) => Number.isInteger(value) && value >= 1 && value <= LIMITS.groupSize, `ryhmän koko: odotettiin kokonaislukua väliltä 1–${LIMITS.groupSize}`, problems),
    mode: field(data, "mode", (value) => vocabulary.modes.includes(value), `tapaamismuoto: odotettiin yhtä näistä: ${vocabulary.modes.join(", ")}`, problems),
    start: field(data, "start", isClock, "alkamisaika: odotettiin kellonaikaa kuten 13.00", problems),
    place: text("place", COURSE_LIMITS.place, "paikka"),
    cadence: field(data, "cadence", (value) => CADENCES.includes(value), "tahti: odotettiin yhtä näistä: " + CADENCES.join(", "), problems),
    repeats: field(data, "repeats", (value) => Array.isArray(value) && value.length <= LIMITS.blocks && value.every((id) => typeof id === "string" && SHARED.id.test(id) && id.length <= LIMITS.id), "tarkoituksella toistuvat: odotettiin luetteloa menetelmien tunnuksista", problems),
  };
}

// Every course field is required: a series is only ever written by the planner itself.
function field(data, key, test, message, problems) {
  if (!Object.hasOwn(data, key) || !test(data[key])) {
    problems.push(message);
    return undefined;
  }
  return Array.isArray(data[key]) ? [...data[key]] : data[key];
}

function isRecord(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// A series' plans as a link carries them: validated like a shared plan each, unknown methods named.
export function validateCoursePlans(list, vocabulary) {
  const problems = [];
  const plans = [];
  const unknownMethods = new Set();
  list.forEach((data, position) => {
    try {
      const { plan, unknownMethods: unknown } = validatePlan(data, vocabulary);
      plans.push(plan);
      unknown.forEach((id) => unknownMethods.add(id));
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      problems.push(`tapaaminen ${position + 1}: ${error.message}`);
    }
  });
  if (problems.length) throw new PlanError(problems);
  return { plans, unknownMethods: [...unknownMethods] };
}
