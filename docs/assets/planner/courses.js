// The series view: start a series from a process record or from scratch, see every meeting's date, theme
// and methods at once, mark meetings held, and export the series (calendar, participant schedule, link).

import { announce, byId, download, el, hiddenText, options } from "./dom.js";
import { CADENCES, CADENCE_LABELS, COURSE_LIMITS, courseWarnings } from "./course.js";
import { courseIcsOf, fileStem, titleOf } from "./exports.js";
import { LIMITS } from "./plan.js";
import { renderPrint } from "./print.js";
import { MAX_LINK_LENGTH, courseFragment } from "./share.js";
import { formatClock, isClock } from "./timing.js";
import { MODE_LABELS, countText, weekdayDateText } from "./words.js";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function setupCourses(app) {
  const view = { app, live: byId("vp-live"), form: byId("vp-course-form"), toggle: byId("vp-course-new"), status: byId("vp-course-status") };
  options(byId("vp-cf-process"), [["", "Aloita tyhjästä"], ...app.index.processes.map((process) => [process.id, `${process.title} (${countText(process.sequence.length, "tapaaminen", "tapaamista")})`])], "");
  options(byId("vp-cf-mode"), app.index.modes.map((mode) => [mode, MODE_LABELS[mode]]), "lähi");
  options(byId("vp-cf-cadence"), CADENCES.map((cadence) => [cadence, CADENCE_LABELS[cadence]]), "biweekly");
  setupForm(view);
  byId("vp-course-select").addEventListener("change", (event) => app.selectCourse(event.target.value));
  byId("vp-course-delete").addEventListener("click", () => {
    const name = app.course?.name;
    app.deleteCourse();
    announce(view.live, `Sarja ”${name}” poistettiin. Sen tapaamisten suunnitelmat jäivät omiin suunnitelmiisi.`);
  });
  byId("vp-course-add").addEventListener("click", () => {
    app.addMeeting();
    announce(view.live, `Sarjaan lisättiin tapaaminen ${app.course.meetings.length}.`);
    byId(`vp-c${app.course.meetings.length - 1}-date`).focus();
  });
  byId("vp-course-ics").addEventListener("click", () => exportCalendar(view));
  byId("vp-course-print").addEventListener("click", () => {
    renderPrint(app, "course");
    window.print();
  });
  byId("vp-course-share").addEventListener("click", () => shareCourse(view));
  app.on((change, detail) => render(view, change, detail));
}

////////////////////////////////////////////////////////////////////////////////
// A new series
////////////////////////////////////////////////////////////////////////////////

function setupForm(view) {
  const { app, form, toggle } = view;
  const process = byId("vp-cf-process");
  const show = (open) => {
    form.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
  };
  toggle.addEventListener("click", () => {
    show(form.hidden);
    if (!form.hidden) process.focus();
  });
  byId("vp-cf-cancel").addEventListener("click", () => {
    show(false);
    toggle.focus();
  });
  process.addEventListener("change", () => {
    const chosen = app.processes.get(process.value);
    const count = byId("vp-cf-count");
    count.disabled = Boolean(chosen);
    if (chosen) {
      count.value = String(chosen.sequence.length);
      byId("vp-cf-name").value = chosen.title.slice(0, COURSE_LIMITS.name);
      const size = byId("vp-cf-size");
      const wanted = Number(size.value);
      if (!(wanted >= chosen.group_size[0] && wanted <= chosen.group_size[1])) size.value = String(chosen.group_size[0]);
    }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const settings = readForm();
    if (!settings) return;
    const chosen = app.processes.get(process.value) ?? null;
    const course = app.createCourse(settings, chosen);
    show(false);
    form.reset();
    byId("vp-cf-count").disabled = false;
    byId("vp-course-name").focus();
    announce(view.live, `Sarja ”${course.name}” luotiin: ${countText(course.meetings.length, "tapaaminen", "tapaamista")}. Ensimmäinen tapaaminen on auki suunnitelmana.`);
  });
}

// The form's settings, or null after marking every field in error (the first one gets the focus).
function readForm() {
  const fields = [
    ["vp-cf-name", "name", (value) => (value.trim() && value.length <= COURSE_LIMITS.name ? value.trim() : null), `Anna sarjalle nimi (enintään ${COURSE_LIMITS.name} merkkiä).`],
    ["vp-cf-group", "group", (value) => (value.length <= LIMITS.group ? value.trim() : null), `Ryhmän nimessä voi olla enintään ${LIMITS.group} merkkiä.`],
    ["vp-cf-size", "group_size", (value) => wholeNumber(value, 1, LIMITS.groupSize), `Anna ryhmän koko kokonaislukuna 1–${LIMITS.groupSize}.`],
    ["vp-cf-date", "first_date", (value) => (value === "" || DATE.test(value) ? value : null), "Anna päivämäärä tai jätä kenttä tyhjäksi."],
    ["vp-cf-start", "start", (value) => (isClock(value.trim()) ? value.trim() : null), "Anna alkamisaika muodossa 13.00."],
    ["vp-cf-count", "count", (value) => wholeNumber(value, 1, COURSE_LIMITS.meetings), `Anna tapaamisten määrä kokonaislukuna 1–${COURSE_LIMITS.meetings}.`],
    ["vp-cf-place", "place", (value) => (value.length <= COURSE_LIMITS.place ? value.trim() : null), `Paikassa voi olla enintään ${COURSE_LIMITS.place} merkkiä.`],
  ];
  const settings = { mode: byId("vp-cf-mode").value, cadence: byId("vp-cf-cadence").value };
  let first = null;
  for (const [id, key, read, message] of fields) {
    const input = byId(id);
    const value = input.disabled ? 1 : read(input.value);
    const error = byId(`${id}-error`);
    input.setAttribute("aria-invalid", String(value === null));
    error.textContent = value === null ? message : "";
    error.hidden = value !== null;
    if (value === null) first ??= input;
    settings[key] = value;
  }
  first?.focus();
  return first ? null : settings;
}

function wholeNumber(value, low, high) {
  const number = Number(value);
  return /^\s*\d+\s*$/.test(value) && number >= low && number <= high ? number : null;
}

////////////////////////////////////////////////////////////////////////////////
// The series at a glance
////////////////////////////////////////////////////////////////////////////////

function render(view, change, detail) {
  const { app } = view;
  const focused = document.activeElement?.id;
  const choices = [["", app.courses.length ? "Ei sarjaa valittuna" : "Ei vielä sarjoja"], ...app.courses.map((course) => [course.id, course.name || "(nimetön)"])];
  const choicesKey = JSON.stringify([choices, app.course?.id ?? ""]);
  if (view.choicesKey !== choicesKey) {
    view.choicesKey = choicesKey;
    options(byId("vp-course-select"), choices, app.course?.id ?? "");
  }
  byId("vp-course-delete").disabled = !app.course;
  const shown = byId("vp-course-view");
  shown.hidden = !app.course;
  if (!app.course) return;
  if (change !== "values" || detail.course) byId("vp-course-share-result").hidden = true;
  const { course } = app;
  setText(byId("vp-course-name"), course.name || "Nimetön sarja");
  byId("vp-course-name").tabIndex = -1;
  setText(byId("vp-course-meta"), courseMeta(app, course));
  renderMeetings(view, course);
  renderStrip(view, course);
  const plansById = new Map(app.plans.map((plan) => [plan.id, plan]));
  const warnings = courseWarnings(course, plansById, app.index, app.methods);
  const warningsKey = JSON.stringify(warnings);
  if (view.warningsKey !== warningsKey) {
    view.warningsKey = warningsKey;
    byId("vp-course-warnings").replaceChildren(...warnings.map((warning) => el("li", {}, warning.text, warning.method ? [" ", allowButton(view, warning.method)] : null)));
  }
  byId("vp-course-no-warnings").hidden = warnings.length > 0;
  // Rows are rebuilt, so the control that had the focus gets it back.
  if (focused && document.activeElement === document.body) document.getElementById(focused)?.focus();
}

export function courseMeta(app, course) {
  const process = app.processes.get(course.process);
  return [
    course.group || null, `${course.group_size} henkeä`, MODE_LABELS[course.mode], CADENCE_LABELS[course.cadence], `klo ${course.start}`,
    course.place || null, process ? `prosessi: ${process.title}` : "oma sarja",
  ].filter(Boolean).join(" · ");
}

// Rows are built once per series and meeting list, then updated in place: rebuilding twenty rows of date
// fields on every keystroke cost more than the edit itself.
function renderMeetings(view, course) {
  const key = `${course.id}:${course.meetings.map((meeting) => meeting.plan).join(",")}`;
  if (view.rowsKey !== key) {
    view.rowsKey = key;
    view.rows = course.meetings.map((meeting, position) => meetingRow(view, meeting, position));
    byId("vp-course-meetings").replaceChildren(...view.rows.map((row) => row.tr));
  }
  course.meetings.forEach((meeting, position) => updateRow(view, view.rows[position], meeting, position));
}

// The series as a row of meetings: redrawn only when a date, theme or held mark changed.
function renderStrip(view, course) {
  const { app } = view;
  const stops = course.meetings.map((meeting, position) => {
    const plan = app.planById(meeting.plan);
    return { held: meeting.held, date: plan?.date ? weekdayDateText(plan.date, true) : `${position + 1}. tapaaminen`, theme: plan ? plan.name || "Nimetön tapaaminen" : "suunnitelma puuttuu" };
  });
  const key = JSON.stringify(stops);
  if (view.stripKey === key) return;
  view.stripKey = key;
  byId("vp-course-strip").replaceChildren(...stops.map((stop) => el("li", { class: stop.held ? "vp-course__stop vp-course__stop--held" : "vp-course__stop" },
    el("span", { class: "vp-course__stop-date", text: stop.date }), el("span", { text: stop.theme }), stop.held ? hiddenText(" (pidetty)") : null)));
}

function meetingRow(view, meeting, position) {
  const { app } = view;
  const number = `${position + 1}.`;
  if (!app.planById(meeting.plan)) {
    return { tr: el("tr", {}, el("td", { text: number }), el("td", { colspan: 4, text: "Tapaamisen suunnitelma puuttuu: se on poistettu tai siirretty sivuun." })), missing: true };
  }
  const row = {
    date: el("input", { type: "date", id: `vp-c${position}-date`, "aria-label": `Päivä: ${number} tapaaminen`, "aria-describedby": `vp-c${position}-day` }),
    day: el("span", { class: "vp-course__day", id: `vp-c${position}-day` }),
    theme: el("strong"),
    time: el("span", { class: "vp-course__time" }),
    methods: el("span"),
    held: el("input", { type: "checkbox", id: `vp-c${position}-held` }),
    heldLabel: hiddenText(""),
    open: el("button", { type: "button", class: "vp-button vp-button--small" }),
  };
  row.date.addEventListener("change", () => {
    if (row.date.value === "" || DATE.test(row.date.value)) app.setMeeting(position, "date", row.date.value);
  });
  row.held.addEventListener("change", () => {
    app.setMeeting(position, "held", row.held.checked);
    announce(view.live, `${number} tapaaminen merkittiin ${row.held.checked ? "pidetyksi" : "pitämättömäksi"}.`);
  });
  row.open.addEventListener("click", () => {
    const plan = app.planById(meeting.plan);
    app.selectPlan(plan.id);
    byId("vp-name").focus();
    announce(view.live, `Tapaamisen ”${plan.name || "Nimetön tapaaminen"}” suunnitelma on auki.`);
  });
  row.tr = el("tr", {},
    el("td", { text: number }),
    el("td", {}, row.date, row.day),
    el("td", {}, row.theme, row.time, el("br"), row.methods),
    el("td", {}, el("label", { class: "vp-check", for: row.held.id }, row.held, row.heldLabel)),
    el("td", {}, row.open));
  return row;
}

// Only what changed is written: an unchanged text written again still costs the page a new layout.
function updateRow(view, row, meeting, position) {
  const { app } = view;
  const plan = app.planById(meeting.plan);
  if (row.missing || !plan) return;
  const timed = app.schedule(plan);
  const theme = plan.name || "Nimetön tapaaminen";
  if (row.date.value !== plan.date && document.activeElement !== row.date) row.date.value = plan.date;
  setText(row.day, plan.date ? weekdayDateText(plan.date, true) : "ei päivää");
  setText(row.theme, theme);
  setText(row.time, timed.blocks.length ? ` klo ${plan.start}–${formatClock(timed.finish)}` : ` klo ${plan.start}`);
  const methods = plan.blocks.filter((block) => Object.hasOwn(block, "method")).map((block) => titleOf(block, app.methods));
  setText(row.methods, methods.length ? methods.join(", ") : "ei vielä menetelmiä");
  if (row.held.checked !== meeting.held) row.held.checked = meeting.held;
  setText(row.heldLabel, `Pidetty: ${position + 1}. ${theme}`);
  if (row.tr.classList.contains("vp-course__held") !== meeting.held) row.tr.classList.toggle("vp-course__held", meeting.held);
  const current = plan === app.plan;
  const openKey = `${current}:${theme}`;
  if (row.openKey === openKey) return;
  row.openKey = openKey;
  if (current) row.open.setAttribute("aria-current", "true");
  else row.open.removeAttribute("aria-current");
  row.open.replaceChildren(current ? "Auki" : "Avaa", hiddenText(` suunnitelma: ${theme}`));
}

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function allowButton(view, methodId) {
  const name = view.app.methods.get(methodId)?.name ?? methodId;
  return el("button", { type: "button", class: "vp-button vp-button--small", onclick: () => {
    view.app.allowRepeat(methodId);
    announce(view.live, `Menetelmän ”${name}” toisto merkittiin tarkoitukselliseksi.`);
    byId("vp-course-warnings-title").focus();
  } }, "Toisto on tarkoituksellinen", hiddenText(`: ${name}`));
}

////////////////////////////////////////////////////////////////////////////////
// Exports of the series
////////////////////////////////////////////////////////////////////////////////

// Meetings with their plan and schedule, in order; those that cannot go to a calendar are named.
export function calendarMeetings(app, course) {
  const ready = [];
  const left = [];
  course.meetings.forEach((meeting, position) => {
    const plan = app.planById(meeting.plan);
    const timed = plan ? app.schedule(plan) : null;
    if (plan && plan.date && timed.blocks.length) ready.push({ plan, timed, position });
    else left.push(position + 1);
  });
  return { ready, left };
}

function exportCalendar(view) {
  const { app } = view;
  const { ready, left } = calendarMeetings(app, app.course);
  const say = (text) => {
    view.status.textContent = text;
  };
  if (!ready.length) {
    say("Yhdelläkään sarjan tapaamisella ei ole sekä päivämäärää että ohjelmaa, joten kalenteria ei tehty.");
    return;
  }
  download(`${fileStem(app.course.name)}.ics`, courseIcsOf(app.course, ready, app.methods, { now: new Date() }), "text/calendar;charset=utf-8");
  const missing = left.length ? ` ${left.length === 1 ? "Tapaaminen" : "Tapaamiset"} ${left.join(", ")} ${left.length === 1 ? "jäi" : "jäivät"} pois, koska niiltä puuttuu päivämäärä tai ohjelma.` : "";
  say(`Sarjan kalenteri ladattiin: ${countText(ready.length, "tapaaminen", "tapaamista")}.${missing}`);
}

function shareCourse(view) {
  const { app } = view;
  const plans = app.course.meetings.map((meeting) => app.planById(meeting.plan));
  const say = (text) => {
    view.status.textContent = text;
  };
  if (plans.some((plan) => !plan)) {
    say("Sarjasta puuttuu tapaamisen suunnitelma, joten sitä ei voi jakaa linkkinä.");
    return;
  }
  const fragment = courseFragment(app.course, plans);
  if (fragment.length > MAX_LINK_LENGTH) {
    say("Sarja on liian suuri jaettavaksi linkkinä. Lyhennä huomioita tai jaa tapaamiset yksitellen.");
    return;
  }
  const field = byId("vp-course-share-link");
  field.value = `${location.href.split("#")[0]}#${fragment}`;
  byId("vp-course-share-result").hidden = false;
  field.select();
  say("Sarjan jakolinkki on valmis. Linkki sisältää jokaisen tapaamisen suunnitelman; ryhmän nimi ei tule mukaan.");
}
