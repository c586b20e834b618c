// Finnish words and number formats shared by the planner's views and exports.

import { SHARED } from "./shared.js";
import { formatClock } from "./timing.js";

export const MODE_LABELS = SHARED.modeLabels; // from index.json, like views.MODE_LABELS
// "tunnekuorma: keskitasoinen", not the record's own word.
export const INTENSITY_LABELS = { matala: "matala", keskitaso: "keskitasoinen", korkea: "korkea" };
export const KIND_LABELS = { method: "Menetelmä", activity: "Ohjelmakohta", break: "Tauko", new_day: "Uusi päivä" };

export function durationText(minutes) {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (!hours) return `${rest} min`;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

// "2025-03-12" → "12.3.2025", the Finnish way.
export function dateText(isoDate) {
  const [year, month, day] = isoDate.split("-").map(Number);
  return `${day}.${month}.${year}`;
}

const WEEKDAYS = ["sunnuntai", "maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai"];

// "2026-09-15" → "tiistai 15.9.2026" (or "ti 15.9.2026" when `short`), whatever the browser's locale.
export function weekdayDateText(isoDate, short = false) {
  const [year, month, day] = isoDate.split("-").map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
  return `${short ? weekday.slice(0, 2) : weekday} ${dateText(isoDate)}`;
}

export function timeRange(block) {
  return `${formatClock(block.start)}–${formatClock(block.end)}`;
}

export function countText(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

// How long the plan runs on its first day to its last, in one line.
export function spanText(timed, start) {
  const days = timed.blocks.length ? timed.blocks[timed.blocks.length - 1].day : 1;
  if (days > 1) return `klo ${formatClock(start)} – ${days}. päivänä klo ${formatClock(timed.finish)}`;
  return `klo ${formatClock(start)}–${formatClock(timed.finish)} (${durationText(timed.finish - start)})`;
}

export function finishText(timed) {
  const days = timed.blocks.length ? timed.blocks[timed.blocks.length - 1].day : 1;
  return `Suunnitelma päättyy ${days > 1 ? `${days}. päivänä ` : ""}klo ${formatClock(timed.finish)}.`;
}
