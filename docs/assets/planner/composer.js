// Compose: the plan's settings and its blocks, with clock times and warnings that update as you type.
// Rows are rebuilt only when blocks are added, removed or moved; typing updates times in place, so the
// focus and the caret stay where they are.

import { announce, byId, debounce, el } from "./dom.js";
import { titleOf } from "./exports.js";
import { slackText } from "./print.js";
import { timelineOf } from "./timeline.js";
import { LIMITS, activityBlock, blockKind, breakBlock, newDayBlock } from "./plan.js";
import { SuggestError, suggestPlan } from "./suggest.js";
import { formatClock, isClock, messageOf, parseClock } from "./timing.js";
import { KIND_LABELS, MODE_LABELS, countText, durationText, finishText, spanText, timeRange, weekdayDateText } from "./words.js";

const SETTINGS = [
  ["vp-name", "name", (value) => (value.length <= LIMITS.title ? ok(value) : fail(`Nimessä voi olla enintään ${LIMITS.title} merkkiä.`))],
  ["vp-group", "group", (value) => (value.length <= LIMITS.group ? ok(value) : fail(`Ryhmän nimessä voi olla enintään ${LIMITS.group} merkkiä.`))],
  ["vp-date", "date", (value) => (value === "" || /^\d{4}-\d{2}-\d{2}$/.test(value) ? ok(value) : fail("Anna päivämäärä."))],
  ["vp-start", "start", (value) => (isClock(value.trim()) ? ok(value.trim()) : fail("Anna alkamisaika muodossa 13.00."))],
  ["vp-end", "end", (value) => (value.trim() === "" || isClock(value.trim()) ? ok(value.trim()) : fail("Anna päättymisaika muodossa 15.30 tai jätä kenttä tyhjäksi."))],
  ["vp-mode", "mode", ok],
  ["vp-size", "group_size", (value) => wholeNumber(value, 1, LIMITS.groupSize, "Anna ryhmän koko kokonaislukuna 1–100.")],
  ["vp-purpose", "purpose", (value) => (value.length <= LIMITS.text ? ok(value) : fail(`Tarkoituksessa voi olla enintään ${LIMITS.text} merkkiä.`))],
];

function ok(value) {
  return { value };
}

function fail(error) {
  return { error };
}

function wholeNumber(value, low, high, message) {
  const number = Number(value);
  return /^\s*\d+\s*$/.test(value) && number >= low && number <= high ? ok(number) : fail(message);
}

////////////////////////////////////////////////////////////////////////////////
// Setup
////////////////////////////////////////////////////////////////////////////////

export function setupComposer(app) {
  const view = {
    app,
    list: byId("vp-blocks"),
    empty: byId("vp-empty"),
    summary: byId("vp-summary"),
    warnings: byId("vp-warnings"),
    noWarnings: byId("vp-no-warnings"),
    live: byId("vp-live"),
    rows: [],
    dragging: null,
  };
  view.announceLater = debounce(() => announce(view.live, summaryAnnouncement(view.app)), 900);
  setupSettings(view);
  setupAddButtons(view);
  setupKeyboardMoves(view);
  setupDragAndDrop(view);
  setupUndo(view);
  setupSuggest(view);
  app.on((change, detail) => render(view, change, detail));
  return view;
}

// Ehdota / Ehdota toinen: a whole programme for the plan's size, mode and start, seed 1, 2, 3 … in turn.
function setupSuggest(view) {
  const { app } = view;
  const minutes = byId("vp-suggest-minutes");
  const again = byId("vp-suggest-again");
  const status = byId("vp-suggest-status");
  let seed = 0;
  const make = (next) => {
    const read = wholeNumber(minutes.value, 15, 600, "Anna kesto minuutteina (15–600).");
    showError(minutes, read.error);
    if (read.error !== undefined) return;
    seed = next ? seed + 1 : 1;
    const phases = [...byId("vp-suggest").querySelectorAll("input[name=vaihe]:checked")].map((box) => box.value);
    const request = { minutes: read.value, group_size: app.plan.group_size, mode: app.plan.mode, start: app.plan.start, phases };
    try {
      app.replaceProgramme(suggestPlan(request, app.index.methods, { seed, used: app.usedByGroup() }));
    } catch (error) {
      if (!(error instanceof SuggestError)) throw error;
      status.textContent = error.message;
      return;
    }
    again.disabled = false;
    status.textContent = `Ehdotus ${seed}: ${countText(app.plan.blocks.length, "ohjelmakohta", "ohjelmakohtaa")}, ${finishText(app.timed).toLowerCase()} Kumoa palauttaa edellisen ohjelman.`;
  };
  byId("vp-suggest-make").addEventListener("click", () => make(false));
  again.addEventListener("click", () => make(true));
}

// Kumoa / Tee uudelleen, and Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y anywhere in the planner except the method
// filters and the share link, whose own text keeps the browser's undo.
function setupUndo(view) {
  const undo = byId("vp-undo");
  const redo = byId("vp-redo");
  const step = (direction, button) => {
    const focused = document.activeElement?.id;
    if (!view.app[direction]()) return false;
    const again = focused ? document.getElementById(focused) : null;
    (again && !again.disabled ? again : button.disabled ? (button === undo ? redo : undo) : button).focus();
    announce(view.live, `${direction === "undo" ? "Muutos kumottiin" : "Muutos tehtiin uudelleen"}. ${finishText(view.app.timed)}`);
    return true;
  };
  undo.addEventListener("click", () => step("undo", undo));
  redo.addEventListener("click", () => step("redo", redo));
  byId("vp-app").addEventListener("keydown", (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.target.closest?.("#vp-filters, #vp-share-result, #vp-course-form, #vp-course-share-result")) return;
    const key = event.key.toLowerCase();
    const direction = key === "z" ? (event.shiftKey ? "redo" : "undo") : key === "y" && !event.shiftKey ? "redo" : null;
    if (direction === null) return;
    event.preventDefault();
    step(direction, direction === "undo" ? undo : redo);
  });
  view.app.on(() => {
    undo.disabled = !view.app.history.canUndo;
    redo.disabled = !view.app.history.canRedo;
  });
}

function setupSettings(view) {
  const modes = byId("vp-mode");
  modes.replaceChildren(...view.app.index.modes.map((mode) => el("option", { value: mode, text: MODE_LABELS[mode] ?? mode })));
  for (const [id, key, read] of SETTINGS) {
    const input = byId(id);
    input.addEventListener("input", () => {
      const result = read(input.value);
      showError(input, result.error);
      if (result.error === undefined && view.app.plan[key] !== result.value) view.app.setField(key, result.value);
    });
  }
}

function setupAddButtons(view) {
  const add = (make, what) => () => {
    view.app.addBlock(make(), true);
    announce(view.live, `${what} lisätty suunnitelman loppuun. ${finishText(view.app.timed)}`);
  };
  byId("vp-add-activity").addEventListener("click", add(activityBlock, "Oma ohjelmakohta"));
  byId("vp-add-break").addEventListener("click", add(breakBlock, "Tauko"));
  byId("vp-add-day").addEventListener("click", add(newDayBlock, "Uusi päivä"));
}

////////////////////////////////////////////////////////////////////////////////
// Rendering
////////////////////////////////////////////////////////////////////////////////

function render(view, change, detail) {
  if (change === "plan") fillSettings(view.app.plan);
  if (change === "plan" || change === "blocks") renderRows(view, detail);
  renderTiming(view);
  view.announceLater();
}

function fillSettings(plan) {
  for (const [id, key] of SETTINGS) {
    const input = byId(id);
    input.value = String(plan[key]);
    showError(input, undefined);
  }
}

function renderRows(view, detail) {
  const { app } = view;
  const count = app.plan.blocks.length;
  view.rows = app.plan.blocks.map((block, index) => blockRow(view, block, index, count));
  view.list.replaceChildren(...view.rows.map((row) => row.li));
  view.empty.hidden = count > 0;
  if (detail.added !== undefined && detail.focus) focusIn(view, detail.added, "title");
  if (detail.moved !== undefined) focusIn(view, detail.moved, detail.focusKey);
  if (detail.removed !== undefined) focusIn(view, Math.min(detail.removed, count - 1), "remove") || byId("vp-add-activity").focus();
}

function renderTiming(view) {
  const { app } = view;
  // The date field shows the browser's own format; the Finnish one is written under it.
  byId("vp-date-text").textContent = app.plan.date ? weekdayDateText(app.plan.date) : "";
  const timed = app.timed;
  const multiDay = timed.blocks.some((block) => block.day > 1);
  let day = 1;
  app.plan.blocks.forEach((block, index) => {
    if (blockKind(block) === "new_day") view.rows[index].time.textContent = `${(day += 1)}. päivä klo ${formatClock(parseClock(block.new_day))}`;
  });
  for (const block of timed.blocks) {
    const row = view.rows[block.index];
    row.time.textContent = (multiDay ? `${block.day}. pv ` : "") + timeRange(block);
    if (row.round) row.round.textContent = roundText(app, app.plan.blocks[block.index], block.minutes);
  }
  renderWarnings(view, timed);
  view.summary.textContent = summaryText(app);
  byId("vp-timeline").replaceChildren(...[timelineOf(app, app.plan, timed)].filter(Boolean));
}

function renderWarnings(view, timed) {
  const { messages } = view.app.index;
  const byBlock = new Map();
  for (const warning of timed.warnings) {
    if (warning.block !== null) byBlock.set(warning.block, [...(byBlock.get(warning.block) ?? []), warning]);
  }
  view.rows.forEach((row, index) => {
    row.warnings.replaceChildren(...(byBlock.get(index) ?? []).map((warning) => el("li", { text: messageOf(warning, messages) })));
    row.li.classList.toggle("vp-block--warned", byBlock.has(index));
  });
  view.warnings.replaceChildren(...timed.warnings.map((warning) => el("li", { text: messageOf(warning, messages) })));
  view.noWarnings.hidden = timed.warnings.length > 0;
}

function summaryText(app) {
  const { plan, timed } = app;
  let text = `Aika: ${spanText(timed, parseClock(plan.start))}.`;
  if (timed.earliest_finish !== timed.finish || timed.latest_finish !== timed.finish) {
    text += ` Menetelmien vaihteluvälien mukaan aikaisintaan klo ${formatClock(timed.earliest_finish)}, viimeistään klo ${formatClock(timed.latest_finish)}.`;
  }
  const slack = slackText(plan, timed);
  if (slack) text += ` ${slack[0].toUpperCase()}${slack.slice(1)}.`;
  return text;
}

function summaryAnnouncement(app) {
  const { warnings } = app.timed;
  const first = warnings.slice(0, 2).map((warning) => messageOf(warning, app.index.messages)).join(" ");
  return `${finishText(app.timed)} ${warnings.length ? `${countText(warnings.length, "varoitus", "varoitusta")}: ${first}` : "Ei varoituksia."}`;
}

function roundText(app, block, minutes) {
  const method = app.methods.get(block.method);
  return `${durationText(minutes)} (${method.per_participant} min × ${app.plan.group_size} henkeä)`;
}

////////////////////////////////////////////////////////////////////////////////
// One block
////////////////////////////////////////////////////////////////////////////////

function blockRow(view, block, index, count) {
  const { app } = view;
  const kind = blockKind(block);
  const title = kind === "new_day" ? "uusi päivä" : titleOf(block, app.methods);
  const row = { li: el("li", { class: `vp-block vp-block--${kind}`, dataset: { index } }), time: el("span", { class: "vp-block__time" }) };
  const handle = el("span", { class: "vp-block__handle", draggable: true, title: "Vedä ja pudota siirtääksesi", "aria-hidden": "true", text: "⠿" });
  const actions = el("span", { class: "vp-block__actions" },
    actionButton("Ylös", title, "up", index === 0, () => moveBy(view, index, -1, "up")),
    actionButton("Alas", title, "down", index === count - 1, () => moveBy(view, index, 1, "down")),
    actionButton("Poista", title, "remove", false, () => removeAt(view, index, title)));
  const fields = el("div", { class: "vp-block__fields" });
  row.warnings = el("ul", { class: "vp-block__warnings" });
  row.li.append(el("div", { class: "vp-block__head" }, handle, row.time, headingOf(app, block, kind), actions), fields, row.warnings);
  fields.append(...fieldsOf(view, row, block, index, kind));
  return row;
}

function headingOf(app, block, kind) {
  if (kind !== "method") return el("span", { class: "vp-block__kind", text: KIND_LABELS[kind] });
  const method = app.methods.get(block.method);
  return el("a", { class: "vp-block__title", href: app.urlOf(method), "data-key": "title", text: method.name });
}

function actionButton(label, title, key, disabled, onclick) {
  return el("button", { type: "button", class: "vp-button vp-button--small", "data-key": key, "aria-label": `${label}: ${title}`, disabled, onclick, text: label });
}

function fieldsOf(view, row, block, index, kind) {
  const { app } = view;
  const fields = [];
  const method = kind === "method" ? app.methods.get(block.method) : null;
  if (kind === "activity" || kind === "break") {
    fields.push(textInput(view, index, kind, kind === "break" ? "Tauon nimi" : "Ohjelmakohta", block[kind], readTitle, "title", "vp-field--wide"));
  }
  if (method?.per_participant) {
    row.round = el("span", { class: "vp-block__round" });
    fields.push(el("span", { class: "vp-field" }, el("span", { class: "vp-field__label", text: "Kesto" }), row.round));
  } else if (kind !== "new_day") {
    const hint = method ? `suositus ${method.duration[0]}–${method.duration[1]} min` : null;
    fields.push(textInput(view, index, "minutes", "Kesto (min)", block.minutes ?? method?.duration[0] ?? "", readMinutes, "minutes", "vp-field--short", hint, "numeric"));
  }
  if (kind === "new_day") fields.push(textInput(view, index, "new_day", "Alkaa klo", block.new_day, readClock, "title", "vp-field--short", null, "decimal"));
  if (kind === "activity") fields.push(phaseSelect(view, index, block.phase ?? ""), debriefCheck(view, index, block.debrief === true));
  if (kind !== "new_day") fields.push(textInput(view, index, "at", "Kiinteä aika", block.at ?? "", readOptionalClock, "at", "vp-field--short", null, "decimal", "esim. 11.30"));
  fields.push(textInput(view, index, "notes", "Huomiot", block.notes ?? "", readNotes, "notes", "vp-field--grow"));
  return fields;
}

function textInput(view, index, key, label, value, read, focusKey, size, hint = null, inputmode = null, placeholder = null) {
  const id = `vp-b${index}-${key}`;
  const input = el("input", { id, type: "text", value: String(value), inputmode, placeholder, "data-key": focusKey, autocomplete: "off", "aria-describedby": `${id}-error` });
  input.addEventListener("input", () => {
    const result = read(input.value);
    showError(input, result.error);
    if (result.error === undefined) view.app.setBlockField(index, key, result.value);
  });
  return el("div", { class: `vp-field ${size}` },
    el("label", { class: "vp-field__label", for: id, text: label }), input,
    hint ? el("span", { class: "vp-field__hint", text: hint }) : null,
    el("span", { class: "vp-error", id: `${id}-error`, hidden: true }));
}

function phaseSelect(view, index, value) {
  const id = `vp-b${index}-phase`;
  const select = el("select", { id, "data-key": "phase" },
    el("option", { value: "", text: "ei vaihetta", selected: value === "" }),
    ...view.app.index.phases.map((phase) => el("option", { value: phase, text: phase, selected: phase === value })));
  select.addEventListener("change", () => view.app.setBlockField(index, "phase", select.value));
  return el("div", { class: "vp-field" }, el("label", { class: "vp-field__label", for: id, text: "Vaihe" }), select);
}

// An own block can be the debrief (purku) that a high-intensity method needs after it.
function debriefCheck(view, index, checked) {
  const id = `vp-b${index}-debrief`;
  const box = el("input", { type: "checkbox", id, "data-key": "debrief", checked });
  box.addEventListener("change", () => view.app.setBlockField(index, "debrief", box.checked ? true : undefined));
  return el("div", { class: "vp-field" }, el("span", { class: "vp-field__label", "aria-hidden": "true", text: "Purku" }),
    el("label", { class: "vp-check", for: id }, box, " Toimii purkuna"));
}

function readTitle(value) {
  return value.trim() && value.length <= LIMITS.title ? ok(value) : fail("Anna nimi (enintään 200 merkkiä).");
}

function readMinutes(value) {
  return wholeNumber(value, 1, LIMITS.minutes, "Anna kesto minuutteina (1–1440).");
}

function readClock(value) {
  return isClock(value.trim()) ? ok(value.trim()) : fail("Anna kellonaika muodossa 9.00.");
}

function readOptionalClock(value) {
  return value.trim() === "" || isClock(value.trim()) ? ok(value.trim()) : fail("Anna kellonaika muodossa 11.30 tai jätä kenttä tyhjäksi.");
}

function readNotes(value) {
  return value.length <= LIMITS.text ? ok(value) : fail(`Huomioissa voi olla enintään ${LIMITS.text} merkkiä.`);
}

function showError(input, error) {
  const message = document.getElementById(`${input.id}-error`);
  input.setAttribute("aria-invalid", error === undefined ? "false" : "true");
  if (message) {
    message.textContent = error ?? "";
    message.hidden = error === undefined;
  }
}

////////////////////////////////////////////////////////////////////////////////
// Moving and removing
////////////////////////////////////////////////////////////////////////////////

function moveBy(view, index, step, focusKey) {
  const title = rowTitle(view, index);
  if (!view.app.moveBlock(index, index + step, focusKey)) return;
  announce(view.live, `${title} siirretty kohtaan ${index + step + 1}/${view.app.plan.blocks.length}. ${finishText(view.app.timed)}`);
}

function removeAt(view, index, title) {
  view.app.removeBlock(index);
  announce(view.live, `${title} poistettu. ${finishText(view.app.timed)}`);
}

function rowTitle(view, index) {
  const block = view.app.plan.blocks[index];
  return blockKind(block) === "new_day" ? "Uusi päivä" : titleOf(block, view.app.methods);
}

// Focus the same control in a rebuilt row; a disabled one (Ylös on the first row) hands over to its sibling.
function focusIn(view, index, key) {
  const row = view.rows[index];
  if (!row) return false;
  const candidates = [...row.li.querySelectorAll(`[data-key="${key}"]`), ...row.li.querySelectorAll("button[data-key]")];
  const target = candidates.find((node) => !node.disabled);
  target?.focus();
  return Boolean(target);
}

function setupKeyboardMoves(view) {
  view.list.addEventListener("keydown", (event) => {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    const li = event.target.closest("li.vp-block");
    if (!li) return;
    event.preventDefault();
    moveBy(view, Number(li.dataset.index), event.key === "ArrowUp" ? -1 : 1, event.target.dataset.key ?? "up");
  });
}

function setupDragAndDrop(view) {
  const clear = () => view.list.querySelectorAll(".vp-block--drop-before, .vp-block--drop-after").forEach((li) => li.classList.remove("vp-block--drop-before", "vp-block--drop-after"));
  view.list.addEventListener("dragstart", (event) => {
    const li = event.target.closest?.("li.vp-block");
    if (!li) return;
    view.dragging = Number(li.dataset.index);
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", li.dataset.index);
    event.dataTransfer.setDragImage(li, 12, 12);
    li.classList.add("vp-block--dragging");
  });
  view.list.addEventListener("dragover", (event) => {
    const target = dropTarget(view, event);
    if (!target) return;
    event.preventDefault();
    clear();
    target.li.classList.add(target.after ? "vp-block--drop-after" : "vp-block--drop-before");
  });
  view.list.addEventListener("drop", (event) => {
    const target = dropTarget(view, event);
    if (!target) return;
    event.preventDefault();
    const from = view.dragging;
    const slot = Number(target.li.dataset.index) + (target.after ? 1 : 0);
    view.dragging = null;
    moveBy(view, from, (slot > from ? slot - 1 : slot) - from, "up");
  });
  view.list.addEventListener("dragend", () => {
    view.dragging = null;
    clear();
    view.list.querySelector(".vp-block--dragging")?.classList.remove("vp-block--dragging");
  });
}

function dropTarget(view, event) {
  if (view.dragging === null) return null;
  const li = event.target.closest?.("li.vp-block");
  if (!li) return null;
  const box = li.getBoundingClientRect();
  return { li, after: event.clientY > box.top + box.height / 2 };
}
