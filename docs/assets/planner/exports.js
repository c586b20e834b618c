// Exports of a plan as text files: Markdown, an iCalendar event (RFC 5545) and a session template in
// the handbook's YAML schema. Pure functions of the plan and its schedule, so Node can test them too.

import { messageOf, parseClock } from "./timing.js";
import { MODE_LABELS, dateText, spanText, timeRange } from "./words.js";

// eslint-disable-next-line no-control-regex -- it finds control characters, to take them out
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

////////////////////////////////////////////////////////////////////////////////
// Titles and file names
////////////////////////////////////////////////////////////////////////////////

export function titleOf(block, methods) {
  if (Object.hasOwn(block, "method")) return methods.get(block.method)?.name ?? block.method;
  return (block.activity ?? block.break ?? "").trim();
}

// A file name that is also a valid record id: lowercase a–z, digits and hyphens.
export function fileStem(name) {
  const stem = name.toLowerCase().replace(/[äå]/g, "a").replace(/ö/g, "o").replace(/[^a-z0-9]+/g, "-").slice(0, 60).replace(/^-+|-+$/g, "");
  return stem && stem !== "index" ? stem : "oma-tapaaminen";
}

////////////////////////////////////////////////////////////////////////////////
// Markdown
////////////////////////////////////////////////////////////////////////////////

// Plain text → Markdown that shows exactly that text, with no escape a reader would trip over: only the
// characters Markdown reads inline anywhere (emphasis, code, links, table cells, attribute lists, HTML)
// are escaped, and the marks of a heading, quote or list only where a line starts with one. Line breaks,
// a lone CR and the Unicode line separators included, become <br>, so a note never breaks a table row.
const INLINE_SPECIALS = /[\\`*_{}[\]|]/g;
const LINE_BREAK = /[ \t]*(?:\r\n|\r|\n|\u2028|\u2029)[ \t]*/g;
const BLOCK_START = /^(#|>|[+-](?=\s|$)|=+\s*$|\d+(?=[.)](?:\s|$)))/;

export function markdownText(value) {
  const text = String(value).replace(CONTROL, "").replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
  return text.trim().split(LINE_BREAK).map((line) => line.replace(INLINE_SPECIALS, "\\$&").replace(BLOCK_START, (mark) => (/^\d/.test(mark) ? `${mark}\\` : `\\${mark}`))).join("<br>");
}

export function markdownOf(plan, timed, methods, messages) {
  const multiDay = timed.blocks.some((block) => block.day > 1);
  const lines = [`# ${markdownText(plan.name.trim() || "Tapaaminen")}`, ""];
  if (plan.date) lines.push(`- Päivämäärä: ${dateText(plan.date)}`);
  lines.push(`- Aika: ${spanText(timed, parseClock(plan.start))}`, `- Tapaamismuoto: ${MODE_LABELS[plan.mode]}`, `- Ryhmän koko: ${plan.group_size} henkeä`, "");
  if (plan.purpose.trim()) lines.push(markdownText(plan.purpose), "");
  lines.push("| Klo | Kesto | Ohjelma | Huomiot |", "|---|---|---|---|");
  for (const block of timed.blocks) {
    const source = plan.blocks[block.index];
    const day = multiDay ? `${block.day}. pv ` : "";
    const title = block.kind === "break" ? `*${markdownText(titleOf(source, methods))}*` : markdownText(titleOf(source, methods));
    lines.push(`| ${day}${timeRange(block)} | ${block.minutes} min | ${title} | ${markdownText(source.notes ?? "")} |`);
  }
  const used = timed.blocks.map((block) => ({ block, method: methods.get(plan.blocks[block.index].method) })).filter(({ method }) => method);
  const materials = [...new Set(used.flatMap(({ method }) => method.materials ?? []))];
  if (materials.length) lines.push("", "## Tarvikkeet", "", ...materials.map((item) => `- ${markdownText(item)}`));
  if (used.length) {
    lines.push("", "## Menetelmien kulku");
    for (const { block, method } of used) {
      lines.push("", `### ${multiDay ? `${block.day}. pv ` : ""}${timeRange(block)} ${markdownText(method.name)}`, "");
      lines.push(...method.steps.map((step, number) => `${number + 1}. ${markdownText(step.title)} (${step.minutes} min)`));
      if (method.materials?.length) lines.push("", `Tarvikkeet: ${method.materials.map(markdownText).join(", ")}`);
    }
  }
  if (timed.warnings.length) {
    lines.push("", "## Varoitukset", "", ...timed.warnings.map((warning) => `- ${markdownText(messageOf(warning, messages))}`));
  }
  return lines.join("\n") + "\n";
}

////////////////////////////////////////////////////////////////////////////////
// iCalendar (RFC 5545)
////////////////////////////////////////////////////////////////////////////////

const HELSINKI = [
  "BEGIN:VTIMEZONE", "TZID:Europe/Helsinki",
  "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0300", "TZNAME:EEST", "DTSTART:19700329T030000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
  "BEGIN:STANDARD", "TZOFFSETFROM:+0300", "TZOFFSETTO:+0200", "TZNAME:EET", "DTSTART:19701025T040000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
  "END:VTIMEZONE",
];

// One VEVENT per day of the plan, in Helsinki time. Needs the plan's date; `now` stamps DTSTAMP.
export function icsOf(plan, timed, methods, { now, uid }) {
  return calendarText(planEvents(plan, timed, methods, { now, uid }));
}

// A whole series in one calendar: each meeting with a date and a programme, its UID from its plan's id,
// so the same meeting exported again (alone or with its series) updates the event instead of adding one.
export function courseIcsOf(course, meetings, methods, { now }) {
  const events = meetings.flatMap(({ plan, timed }) => planEvents(plan, timed, methods, {
    now, uid: plan.id, prefix: course.name.trim() ? `${course.name.trim()}: ` : "", location: course.place,
  }));
  return calendarText(events);
}

function calendarText(events) {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Verme-käsikirja//Tapaamisen suunnittelija//FI", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", ...HELSINKI, ...events, "END:VCALENDAR"];
  return lines.map(fold).join("\r\n") + "\r\n";
}

function planEvents(plan, timed, methods, { now, uid, prefix = "", location = "" }) {
  const lines = [];
  const days = daysOf(plan, timed);
  for (const [day, blocks] of days) {
    const summary = prefix + (plan.name.trim() || "Tapaaminen") + (days.size > 1 ? ` (${day}/${days.size})` : "");
    const agenda = blocks.map((block) => `${timeRange(block)} ${titleOf(plan.blocks[block.index], methods)}`);
    const description = [plan.purpose.trim(), agenda.join("\n")].filter(Boolean).join("\n\n");
    lines.push(
      "BEGIN:VEVENT", `UID:${uid}-${day}@verme-kasikirja`, `DTSTAMP:${utcStamp(now)}`,
      `DTSTART;TZID=Europe/Helsinki:${localStamp(plan.date, day, blocks[0].start)}`,
      `DTEND;TZID=Europe/Helsinki:${localStamp(plan.date, day, blocks[blocks.length - 1].end)}`,
      `SUMMARY:${icsText(summary)}`, `DESCRIPTION:${icsText(description)}`,
      ...(location.trim() ? [`LOCATION:${icsText(location.trim())}`] : []), "END:VEVENT",
    );
  }
  return lines;
}

function daysOf(plan, timed) {
  const days = new Map();
  for (const block of timed.blocks) days.set(block.day, [...(days.get(block.day) ?? []), block]);
  return days;
}

export function icsText(value) {
  return String(value).replace(CONTROL, "").replaceAll("\\", "\\\\").replaceAll(";", "\\;").replaceAll(",", "\\,").replace(/\r\n|\r|\n/g, "\\n");
}

// Lines longer than 75 octets continue on the next line after a space, never inside a UTF-8 character.
export function fold(line) {
  const parts = [];
  let current = "";
  let size = 0;
  for (const char of line) {
    const code = char.codePointAt(0);
    const octets = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (size + octets > 75) {
      parts.push(current);
      current = " ";
      size = 1;
    }
    current += char;
    size += octets;
  }
  parts.push(current);
  return parts.join("\r\n");
}

function localStamp(isoDate, day, minutes) {
  const [year, month, date] = isoDate.split("-").map(Number);
  // Minutes past midnight (a block may run over it) move the date on, as Date.UTC does for day overflow.
  const moment = new Date(Date.UTC(year, month - 1, date + day - 1, 0, minutes));
  return `${moment.getUTCFullYear()}${two(moment.getUTCMonth() + 1)}${two(moment.getUTCDate())}T${two(moment.getUTCHours())}${two(moment.getUTCMinutes())}00`;
}

function utcStamp(now) {
  return now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

function two(number) {
  return String(number).padStart(2, "0");
}

////////////////////////////////////////////////////////////////////////////////
// Session template (YAML)
////////////////////////////////////////////////////////////////////////////////

const BLOCK_ORDER = ["method", "activity", "break", "new_day", "minutes", "at", "phase", "debrief", "notes"];

// A session template for curriculum/sessions/, in the schema macros/models.py checks.
export function yamlOf(plan) {
  const stem = fileStem(plan.name);
  const lines = [
    "# yaml-language-server: $schema=../../schema/session.schema.json",
    `# Tehty tapaamisen suunnittelijassa. Tallenna kansioon curriculum/sessions/ nimellä ${stem}.yml.`,
    `title: ${yamlString(plan.name.trim() || "Oma tapaaminen")}`,
    `purpose: ${yamlString(plan.purpose.trim() || "Tapaamisen suunnitelma, tehty tapaamisen suunnittelijassa.")}`,
    `mode: ${yamlString(plan.mode)}`,
    `group_size: ${plan.group_size}`,
    `start: ${yamlString(plan.start)}`,
  ];
  if (plan.end) lines.push(`end: ${yamlString(plan.end)}`);
  lines.push("blocks:");
  for (const block of plan.blocks) {
    const keys = BLOCK_ORDER.filter((key) => Object.hasOwn(block, key) && !(key === "notes" && !block.notes.trim()));
    keys.forEach((key, position) => lines.push(`${position ? "    " : "  - "}${key}: ${yamlValue(block[key])}`));
  }
  return lines.join("\n") + "\n";
}

function yamlValue(value) {
  return typeof value === "number" || typeof value === "boolean" ? String(value) : yamlString(value.trim());
}

// A double-quoted YAML scalar: JSON's escapes are YAML's, plus the characters YAML 1.1 treats as breaks
// or refuses (C1 controls, line and paragraph separators, byte order marks).
export function yamlString(value) {
  const text = typeof value.toWellFormed === "function" ? value.toWellFormed() : value;
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
