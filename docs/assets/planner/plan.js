// The plan: its shape (the same as a session template's), strict validation of untrusted plans from
// share links and browser storage, and the small edits the composer makes. No DOM here.

import { SHARED } from "./shared.js";
import { isClock } from "./timing.js";

export const LIMITS = { title: 200, group: 80, text: 2000, blocks: 100, minutes: 1440, groupSize: 100, id: 80 };
export const BLOCK_KINDS = ["method", "activity", "break", "new_day"];

const PLAN_FIELDS = ["name", "group", "purpose", "date", "start", "end", "mode", "group_size", "blocks"];
const BLOCK_FIELDS = {
  method: ["method", "minutes", "at", "notes"],
  activity: ["activity", "minutes", "at", "phase", "debrief", "notes"],
  break: ["break", "minutes", "at", "notes"],
  new_day: ["new_day", "notes"],
};
const FIELD_LABELS = {
  name: "nimi", group: "ryhmä", purpose: "tarkoitus", date: "päivämäärä", start: "alkamisaika", end: "päättymisaika",
  mode: "tapaamismuoto", group_size: "ryhmän koko", blocks: "ohjelma", method: "menetelmä", activity: "ohjelmakohta",
  break: "tauko", new_day: "uuden päivän alkamisaika", minutes: "kesto", at: "kiinteä aika", phase: "vaihe", debrief: "purku", notes: "huomiot",
};
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class PlanError extends Error {
  constructor(problems) {
    super(problems.slice(0, 3).join("; ") + (problems.length > 3 ? ` (ja ${problems.length - 3} muuta virhettä)` : ""));
    this.problems = problems;
  }
}

////////////////////////////////////////////////////////////////////////////////
// New plans and blocks
////////////////////////////////////////////////////////////////////////////////

export function newPlan(fields = {}) {
  return { name: "Uusi tapaaminen", group: "", purpose: "", date: "", start: "13.00", end: "", mode: "lähi", group_size: 6, blocks: [], ...fields };
}

export function planFromSession(session, vocabulary) {
  const data = { name: session.title, purpose: session.purpose, start: session.start, end: session.end ?? "", mode: session.mode, group_size: session.group_size, blocks: session.blocks };
  return validatePlan(data, vocabulary);
}

// A method starts with the length of its own steps, which always lies within its duration.
export function methodBlock(entry) {
  if (entry.per_participant) return { method: entry.id };
  const steps = entry.steps.reduce((total, step) => total + step.minutes, 0);
  return { method: entry.id, minutes: Math.min(Math.max(steps, entry.duration[0]), entry.duration[1]) };
}

export function activityBlock() {
  return { activity: "Oma ohjelmakohta", minutes: 10 };
}

export function breakBlock() {
  return { break: "Tauko", minutes: 10 };
}

export function newDayBlock() {
  return { new_day: "9.00" };
}

export function blockKind(block) {
  return BLOCK_KINDS.find((kind) => Object.hasOwn(block, kind));
}

// The plan as macros/timing.py's schedule() reads it.
export function timingPlan(plan) {
  return { start: plan.start, end: plan.end || null, mode: plan.mode, group_size: plan.group_size, blocks: plan.blocks };
}

// What a share link carries: the group's name stays with its own facilitator.
export function sharedPlan(plan) {
  const { name, purpose, date, start, end, mode, group_size, blocks } = plan;
  return { name, purpose, date, start, end, mode, group_size, blocks };
}

export function moveBlock(plan, from, to) {
  if (to < 0 || to >= plan.blocks.length || from === to) return false;
  const [block] = plan.blocks.splice(from, 1);
  plan.blocks.splice(to, 0, block);
  return true;
}

////////////////////////////////////////////////////////////////////////////////
// Validation of untrusted plans
////////////////////////////////////////////////////////////////////////////////

// A fresh plan built only from checked fields, or PlanError listing every problem in Finnish.
// `vocabulary` is {modes, phases, methodIds}; blocks of methods the handbook lacks are left out and named.
export function validatePlan(data, vocabulary) {
  const problems = [];
  const unknownMethods = [];
  if (!isRecord(data)) throw new PlanError(["suunnitelma ei ole tietue"]);
  unknownKeys(data, PLAN_FIELDS, "", problems);
  const plan = {
    name: text(data, "name", LIMITS.title, "", problems),
    group: text(data, "group", LIMITS.group, "", problems),
    purpose: text(data, "purpose", LIMITS.text, "", problems),
    date: check(data, "date", "", isDate, "odotettiin päivämäärää muodossa vvvv-kk-pp", "", problems),
    start: check(data, "start", undefined, isClock, "odotettiin kellonaikaa kuten 9.15", "", problems),
    end: check(data, "end", "", (value) => value === "" || isClock(value), "odotettiin kellonaikaa kuten 15.30", "", problems),
    mode: check(data, "mode", undefined, (value) => vocabulary.modes.includes(value), `odotettiin yhtä näistä: ${vocabulary.modes.join(", ")}`, "", problems),
    group_size: whole(data, "group_size", 1, LIMITS.groupSize, true, "", problems),
    blocks: [],
  };
  if (!Array.isArray(data.blocks) || data.blocks.length > LIMITS.blocks) {
    problems.push(`${FIELD_LABELS.blocks}: odotettiin listaa, jossa on enintään ${LIMITS.blocks} ohjelmakohtaa`);
  } else {
    data.blocks.forEach((block, index) => {
      const checked = validateBlock(block, `ohjelmakohta ${index + 1}, `, vocabulary, problems);
      if (checked && checked.method !== undefined && !vocabulary.methodIds.has(checked.method)) unknownMethods.push(checked.method);
      else if (checked) plan.blocks.push(checked);
    });
  }
  if (problems.length) throw new PlanError(problems);
  return { plan, unknownMethods };
}

function validateBlock(block, where, vocabulary, problems) {
  if (!isRecord(block)) {
    problems.push(`${where.slice(0, -2)}: odotettiin tietuetta`);
    return null;
  }
  const kinds = BLOCK_KINDS.filter((kind) => Object.hasOwn(block, kind));
  if (kinds.length !== 1) {
    problems.push(`${where.slice(0, -2)}: odotettiin täsmälleen yhtä lajia: menetelmä, oma ohjelmakohta, tauko tai uusi päivä`);
    return null;
  }
  const [kind] = kinds;
  const before = problems.length;
  unknownKeys(block, BLOCK_FIELDS[kind], where, problems);
  const checked = {};
  if (kind === "method") checked.method = check(block, "method", undefined, (value) => SHARED.id.test(value) && value.length <= LIMITS.id, "odotettiin menetelmän tunnusta", where, problems);
  if (kind === "activity" || kind === "break") checked[kind] = text(block, kind, LIMITS.title, undefined, problems, where, true);
  if (kind === "new_day") checked.new_day = check(block, "new_day", undefined, isClock, "odotettiin kellonaikaa kuten 9.00", where, problems);
  if (kind !== "new_day") optional(checked, "minutes", whole(block, "minutes", 1, LIMITS.minutes, kind !== "method", where, problems));
  if (kind !== "new_day") optional(checked, "at", check(block, "at", "", (value) => value === "" || isClock(value), "odotettiin kellonaikaa kuten 11.30", where, problems));
  if (kind === "activity") optional(checked, "phase", check(block, "phase", "", (value) => value === "" || vocabulary.phases.includes(value), `odotettiin yhtä näistä: ${vocabulary.phases.join(", ")}`, where, problems));
  if (kind === "activity" && Object.hasOwn(block, "debrief")) {
    if (typeof block.debrief !== "boolean") problems.push(`${where}${FIELD_LABELS.debrief}: odotettiin tosi tai epätosi`);
    else if (block.debrief) checked.debrief = true;
  }
  optional(checked, "notes", text(block, "notes", LIMITS.text, "", problems, where));
  return problems.length === before ? checked : null;
}

function isRecord(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isDate(value) {
  if (value === "") return true;
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function unknownKeys(data, allowed, where, problems) {
  for (const key of Object.keys(data)) {
    if (!allowed.includes(key)) problems.push(`${where}tuntematon kenttä ”${key.slice(0, 40)}”`);
  }
}

// An optional field keeps its default when absent; a present one must pass `test`.
function check(data, key, fallback, test, expected, where, problems) {
  if (!Object.hasOwn(data, key)) {
    if (fallback === undefined) problems.push(`${where}${FIELD_LABELS[key]}: puuttuu`);
    return fallback;
  }
  const value = data[key];
  if (typeof value !== "string" || !test(value)) {
    problems.push(`${where}${FIELD_LABELS[key]}: ${expected}`);
    return fallback;
  }
  return value;
}

function text(data, key, limit, fallback, problems, where = "", nonEmpty = false) {
  const expected = `odotettiin ${nonEmpty ? "ei-tyhjää " : ""}tekstiä, enintään ${limit} merkkiä`;
  return check(data, key, fallback, (value) => value.length <= limit && (!nonEmpty || value.trim() !== ""), expected, where, problems);
}

function whole(data, key, low, high, required, where, problems) {
  if (!Object.hasOwn(data, key)) {
    if (required) problems.push(`${where}${FIELD_LABELS[key]}: puuttuu`);
    return undefined;
  }
  const value = data[key];
  if (!Number.isInteger(value) || value < low || value > high) {
    problems.push(`${where}${FIELD_LABELS[key]}: odotettiin kokonaislukua väliltä ${low}–${high}`);
    return undefined;
  }
  return value;
}

function optional(target, key, value) {
  if (value !== undefined && value !== "") target[key] = value;
}
