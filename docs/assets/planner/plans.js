// Keep and open: the list of saved plans, session templates from the handbook, and shared plans from
// a link, which are shown first and become the reader's own only when they choose to copy them.

import { announce, byId, el, options } from "./dom.js";
import { planFromSession } from "./plan.js";
import { agendaTable, metaLine } from "./print.js";
import { ShareError, readFragment, readSharedCourse, readSharedPlan } from "./share.js";
import { SHARED } from "./shared.js";
import { messageOf } from "./timing.js";
import { MODE_LABELS, weekdayDateText } from "./words.js";

// The shared plan on show, until the reader copies it or closes the preview.
let shared = null;

export function setupPlans(app) {
  const select = byId("vp-plan-select");
  const live = byId("vp-live");
  select.addEventListener("change", () => app.selectPlan(select.value));
  byId("vp-new").addEventListener("click", () => {
    app.addPlan({});
    byId("vp-name").focus();
  });
  byId("vp-duplicate").addEventListener("click", () => {
    const { id, ...copy } = structuredClone(app.plan);
    app.addPlan({ ...copy, name: `${copy.name} (kopio)`.slice(0, 200) });
    announce(live, `Suunnitelmasta tehtiin kopio ”${app.plan.name}”.`);
  });
  byId("vp-delete").addEventListener("click", () => {
    if (!window.confirm(`Poistetaanko suunnitelma ”${app.plan.name}”?`)) return;
    app.deletePlan();
    announce(live, `Suunnitelma poistettu. Nyt näkyy ”${app.plan.name}”.`);
  });
  setupTemplates(app);
  setupShared(app);
  app.on((change, detail) => {
    if (change === "plan" || detail.key === "name" || detail.key === "group") listPlans(app, select);
  });
  window.addEventListener("hashchange", () => openFragment(app));
}

function listPlans(app, select) {
  options(select, app.plans.map((plan) => [plan.id, plan.group.trim() ? `${plan.name} – ${plan.group}` : plan.name || "(nimetön)"]), app.plan.id);
}

////////////////////////////////////////////////////////////////////////////////
// Session templates
////////////////////////////////////////////////////////////////////////////////

function setupTemplates(app) {
  const select = byId("vp-template-select");
  options(select, [["", "Valitse tapaamispohja"], ...app.index.sessions.map((session) => [session.id, session.title])], "");
  byId("vp-template-open").addEventListener("click", () => {
    if (select.value) openTemplate(app, select.value);
  });
}

export function openTemplate(app, id) {
  const session = SHARED.id.test(id) ? app.sessions.get(id) : undefined;
  if (!session) {
    app.report(`Tapaamispohjaa ”${id.slice(0, 80)}” ei ole tässä käsikirjassa. Valitse pohja luettelosta.`);
    return false;
  }
  app.addPlan(planFromSession(session, app.vocabulary).plan);
  announce(byId("vp-live"), `Tapaamispohja ”${session.title}” avattiin uudeksi suunnitelmaksi.`);
  return true;
}

////////////////////////////////////////////////////////////////////////////////
// Links: #pohja=<id> and #suunnitelma=<plan>
////////////////////////////////////////////////////////////////////////////////

export function openFragment(app) {
  const found = readFragment(location.hash);
  if (!found) return;
  if (found.problem !== undefined) {
    app.report(found.problem);
    clearFragment();
    return;
  }
  let opened = false;
  if (found.template !== undefined) {
    opened = openTemplate(app, decodeSafely(found.template));
    clearFragment();
  } else if (found.share !== undefined) {
    opened = showShared(app, found.share);
  } else if (found.course !== undefined) {
    opened = showSharedCourse(app, found.course);
  }
  if (opened && found.notice) app.report(found.notice);
}

function decodeSafely(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// Forget the fragment, so a reload shows the saved plans rather than opening the link again.
function clearFragment() {
  try {
    history.replaceState(null, "", location.href.split("#")[0]);
  } catch {
    location.hash = "";
  }
}

function setupShared(app) {
  const section = byId("vp-shared");
  byId("vp-shared-copy").addEventListener("click", () => {
    section.hidden = true;
    clearFragment();
    if (shared.course) {
      const course = app.importCourse(shared.course, structuredClone(shared.plans));
      byId("vp-course-name").focus();
      announce(byId("vp-live"), `Jaettu tapaamissarja ”${course.name}” kopioitiin omiin sarjoihisi.`);
      return;
    }
    app.addPlan(structuredClone(shared));
    byId("vp-name").focus();
    announce(byId("vp-live"), `Jaettu suunnitelma ”${app.plan.name}” kopioitiin omiin suunnitelmiisi.`);
  });
  byId("vp-shared-close").addEventListener("click", () => {
    section.hidden = true;
    clearFragment();
  });
}

// A shared link's payload, or null when it is not one: the reason shown, the link taken off the address.
function readOrReport(app, section, read) {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ShareError)) throw error;
    section.hidden = true;
    app.report(error.message);
    clearFragment();
    return null;
  }
}

function showShared(app, payload) {
  const section = byId("vp-shared");
  const result = readOrReport(app, section, () => readSharedPlan(payload, app.vocabulary));
  if (!result) return false;
  const { plan, unknownMethods } = result;
  const timed = app.schedule(plan);
  shared = { ...plan, group: "" };
  sharedKind("suunnitelma");
  byId("vp-shared-name").textContent = plan.name || "Nimetön suunnitelma";
  byId("vp-shared-meta").textContent = metaLine(plan, timed);
  byId("vp-shared-note").textContent = unknownMethods.length
    ? `Linkissä oli menetelmiä, joita tässä käsikirjassa ei ole, ja ne jätettiin pois: ${unknownMethods.join(", ")}.`
    : "";
  byId("vp-shared-agenda").replaceChildren(
    agendaTable(app, plan, timed, { details: false }),
    ...timed.warnings.map((warning) => el("p", { class: "vp-warning", text: messageOf(warning, app.index.messages) })));
  section.hidden = false;
  byId("vp-shared-title").focus();
  return true;
}

function sharedKind(kind) {
  byId("vp-shared-kind").textContent = kind === "sarja" ? "Jaettu tapaamissarja" : "Jaettu suunnitelma";
  byId("vp-shared-copy").textContent = kind === "sarja" ? "Kopioi omiin sarjoihin" : "Kopioi omiin suunnitelmiin";
  byId("vp-shared-close").textContent = kind === "sarja" ? "Sulje jaettu sarja" : "Sulje jaettu suunnitelma";
  byId("vp-shared-hint").textContent = kind === "sarja"
    ? "Jaettu sarja ei muuta omia sarjojasi tai suunnitelmiasi, ellet kopioi sitä."
    : "Jaettu suunnitelma ei muuta omia suunnitelmiasi, ellet kopioi sitä.";
}

// A series from a link: its meetings at a glance, each with its date, time and theme.
function showSharedCourse(app, payload) {
  const section = byId("vp-shared");
  const result = readOrReport(app, section, () => readSharedCourse(payload, app.vocabulary));
  if (!result) return false;
  const { course, plans, unknownMethods } = result;
  shared = { course, plans };
  sharedKind("sarja");
  byId("vp-shared-name").textContent = course.name || "Nimetön sarja";
  byId("vp-shared-meta").textContent = `${plans.length} tapaamista · ${course.group_size} henkeä · ${MODE_LABELS[course.mode]}`;
  byId("vp-shared-note").textContent = unknownMethods.length
    ? `Linkissä oli menetelmiä, joita tässä käsikirjassa ei ole, ja ne jätettiin pois: ${unknownMethods.join(", ")}.`
    : "";
  const rows = plans.map((plan, position) => el("tr", {},
    el("td", { text: `${position + 1}.` }),
    el("td", { class: "vp-agenda__time", text: plan.date ? `${weekdayDateText(plan.date)} klo ${plan.start}` : "ei päivää" }),
    el("td", { text: plan.name || "Tapaaminen" })));
  byId("vp-shared-agenda").replaceChildren(el("table", { class: "vp-agenda" },
    el("thead", {}, el("tr", {}, ["Nro", "Päivä", "Teema"].map((column) => el("th", { scope: "col", text: column })))),
    el("tbody", {}, rows)));
  section.hidden = false;
  byId("vp-shared-title").focus();
  return true;
}
