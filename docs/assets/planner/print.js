// Print: a one-page facilitator plan (times, methods, steps, materials, notes) and a participant handout
// (times and titles) from the same plan. The print stylesheet shows only the one asked for.

import { byId, el } from "./dom.js";
import { titleOf } from "./exports.js";
import { formatClock, messageOf, parseClock } from "./timing.js";
import { timelineOf } from "./timeline.js";
import { MODE_LABELS, dateText, spanText, timeRange, weekdayDateText } from "./words.js";

export function setupPrint(app) {
  const print = (kind) => () => {
    renderPrint(app, kind);
    window.print();
  };
  byId("vp-print-facilitator").addEventListener("click", print("facilitator"));
  byId("vp-print-handout").addEventListener("click", print("handout"));
  // Ctrl+P prints the facilitator plan unless a button asked for the handout.
  window.addEventListener("beforeprint", () => renderPrint(app, document.documentElement.dataset.vpPrint ?? "facilitator"));
  window.addEventListener("afterprint", () => delete document.documentElement.dataset.vpPrint);
}

export function renderPrint(app, kind) {
  document.documentElement.dataset.vpPrint = kind;
  byId("vp-print").replaceChildren(facilitatorView(app), handoutView(app), ...(app.course ? [courseView(app)] : []));
}

// The participants' schedule of a series: every meeting's date, time, place and theme on one sheet.
function courseView(app) {
  const { course } = app;
  const rows = course.meetings.map((meeting, position) => {
    const plan = app.planById(meeting.plan);
    if (!plan) return null;
    const timed = app.schedule(plan);
    const time = timed.blocks.length ? `${formatClock(parseClock(plan.start))}–${formatClock(timed.finish)}` : formatClock(parseClock(plan.start));
    return el("tr", {},
      el("td", { text: `${position + 1}.` }),
      el("td", { class: "vp-agenda__time", text: plan.date ? weekdayDateText(plan.date) : "sovitaan myöhemmin" }),
      el("td", { class: "vp-agenda__time", text: time }),
      el("td", { text: course.place || "ilmoitetaan myöhemmin" }),
      el("td", { text: plan.name || "Tapaaminen" }));
  });
  return el("article", { class: "vp-print__course" },
    el("h2", { text: course.name || "Tapaamissarja" }),
    el("p", { class: "vp-print__meta", text: [course.group || null, MODE_LABELS[course.mode], `${course.meetings.length} tapaamista`].filter(Boolean).join(" · ") }),
    el("table", { class: "vp-agenda" },
      el("thead", {}, el("tr", {}, ["Nro", "Päivä", "Klo", "Paikka", "Teema"].map((column) => el("th", { scope: "col", text: column })))),
      el("tbody", {}, rows)));
}

function facilitatorView(app) {
  const { plan, timed } = app;
  const warnings = timed.warnings.map((warning) => el("li", { text: messageOf(warning, app.index.messages) }));
  return el("article", { class: "vp-print__facilitator" },
    el("h2", { text: plan.name || "Tapaaminen" }),
    el("p", { class: "vp-print__meta", text: [metaLine(plan, timed), slackText(plan, timed)].filter(Boolean).join(" · ") }),
    plan.purpose.trim() ? el("p", { text: plan.purpose }) : null,
    timelineOf(app, plan, timed),
    agendaTable(app, plan, timed, { details: true }),
    materialsOf(app, plan).length ? el("p", { class: "vp-print__materials", text: `Tarvikkeet koko tapaamiseen: ${materialsOf(app, plan).join(", ")}.` }) : null,
    warnings.length ? el("section", {}, el("h3", { text: "Huomioitavaa" }), el("ul", {}, warnings)) : null);
}

function handoutView(app) {
  const { plan, timed } = app;
  return el("article", { class: "vp-print__handout" },
    el("h2", { text: plan.name || "Tapaaminen" }),
    el("p", { class: "vp-print__meta", text: [plan.date ? dateText(plan.date) : null, spanText(timed, parseClock(plan.start))].filter(Boolean).join(" · ") }),
    agendaTable(app, plan, timed, { details: false }));
}

// Every material the plan's methods need, each once, in the order of the programme.
export function materialsOf(app, plan) {
  return [...new Set(plan.blocks.flatMap((block) => (Object.hasOwn(block, "method") ? app.methods.get(block.method)?.materials ?? [] : [])))];
}

// "loppuun jää 13 min" when the plan has an end time it finishes before.
export function slackText(plan, timed) {
  if (!plan.end || timed.blocks.some((block) => block.day > 1)) return null;
  const left = parseClock(plan.end) - timed.finish;
  return left > 0 ? `päättymisaikaan klo ${formatClock(parseClock(plan.end))} jää ${left} min` : null;
}

export function metaLine(plan, timed) {
  return [plan.date ? dateText(plan.date) : null, spanText(timed, parseClock(plan.start)), MODE_LABELS[plan.mode], `${plan.group_size} henkeä`].filter(Boolean).join(" · ");
}

////////////////////////////////////////////////////////////////////////////////
// The agenda table, also used to preview a shared plan
////////////////////////////////////////////////////////////////////////////////

export function agendaTable(app, plan, timed, { details }) {
  const columns = details ? ["Klo", "Ohjelma", "Kulku ja tarvikkeet", "Huomiot"] : ["Klo", "Ohjelma"];
  const multiDay = timed.blocks.some((block) => block.day > 1);
  const rows = [];
  let day = 0;
  for (const block of timed.blocks) {
    if (multiDay && block.day !== day) {
      day = block.day;
      rows.push(el("tr", { class: "vp-agenda__day" }, el("th", { colspan: columns.length, scope: "colgroup", text: `${day}. päivä` })));
    }
    const before = timed.blocks[timed.blocks.indexOf(block) - 1];
    if (details && before && before.day === block.day && block.start > before.end) {
      rows.push(el("tr", { class: "vp-agenda__idle" }, el("td", { class: "vp-agenda__time", text: `${formatClock(before.end)}–${formatClock(block.start)}` }),
        el("td", { colspan: columns.length - 1, text: `Odotusaikaa ${block.start - before.end} min ennen kiinteää aikaa klo ${formatClock(block.start)}` })));
    }
    rows.push(agendaRow(app, plan.blocks[block.index], block, details));
  }
  return el("table", { class: "vp-agenda" },
    el("thead", {}, el("tr", {}, columns.map((column) => el("th", { scope: "col", text: column })))),
    el("tbody", {}, rows));
}

function agendaRow(app, source, block, details) {
  const title = titleOf(source, app.methods);
  const cells = [
    el("td", { class: "vp-agenda__time", text: details ? `${timeRange(block)} (${block.minutes} min)` : timeRange(block) }),
    el("td", { class: block.kind === "break" ? "vp-agenda__break" : null, text: title }),
  ];
  if (details) {
    const method = source.method ? app.methods.get(source.method) : null;
    cells.push(el("td", {}, method ? methodDetails(method) : null), el("td", { text: source.notes ?? "" }));
  }
  return el("tr", {}, cells);
}

function methodDetails(method) {
  return [
    el("ol", { class: "vp-agenda__steps" }, method.steps.map((step) => el("li", { text: `${step.title} (${step.minutes} min)` }))),
    method.materials.length ? el("p", { class: "vp-agenda__materials", text: `Tarvikkeet: ${method.materials.join(", ")}` }) : null,
  ];
}
