// Keep and open: the list of saved plans, session templates from the handbook, and shared plans from
// a link, which are shown first and become the reader's own only when they choose to copy them.

import { announce, byId, el, options } from "./dom.js";
import { planFromSession } from "./plan.js";
import { agendaTable, metaLine } from "./print.js";
import { ShareError, readFragment, readSharedPlan } from "./share.js";
import { messageOf } from "./timing.js";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
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
  const session = SLUG.test(id) ? app.sessions.get(id) : undefined;
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
    app.addPlan(structuredClone(shared));
    section.hidden = true;
    clearFragment();
    byId("vp-name").focus();
    announce(byId("vp-live"), `Jaettu suunnitelma ”${app.plan.name}” kopioitiin omiin suunnitelmiisi.`);
  });
  byId("vp-shared-close").addEventListener("click", () => {
    section.hidden = true;
    clearFragment();
  });
}

function showShared(app, payload) {
  const section = byId("vp-shared");
  let result;
  try {
    result = readSharedPlan(payload, app.vocabulary);
  } catch (error) {
    if (!(error instanceof ShareError)) throw error;
    section.hidden = true;
    app.report(error.message);
    clearFragment();
    return false;
  }
  const { plan, unknownMethods } = result;
  const timed = app.schedule(plan);
  shared = { ...plan, group: "" };
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
