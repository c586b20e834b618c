// The session planner's entry point, in the manner of Furo's furo.js: drop the `no-js` marker first,
// then load the index and run each part's setup from one main(). Without JavaScript, or if starting
// fails, the page keeps its fallback: what the planner needs and links to the session templates.
//
// Over http the page loads this file as an ES module and fetches the index. Browsers refuse ES modules
// from file://, so there the page loads offline.js instead: the build writes it from these same modules
// and the index (macros/planner_index.py).

import { Planner, checkIndex } from "./app.js";
import { setupComposer } from "./composer.js";
import { setupCourses } from "./courses.js";
import { byId, el } from "./dom.js";
import { setupOutputs } from "./outputs.js";
import { setupPicker } from "./picker.js";
import { openFragment, setupPlans } from "./plans.js";
import { setupPrint } from "./print.js";
import { setupRecovery } from "./recovery.js";

////////////////////////////////////////////////////////////////////////////////
// Loading
////////////////////////////////////////////////////////////////////////////////

async function loadIndex(root) {
  if (globalThis.VermePlannerIndex) return globalThis.VermePlannerIndex;
  const response = await fetch(new URL(root.dataset.index, document.baseURI));
  if (!response.ok) throw new Error(`suunnittelijan tietoja ei saatu ladattua (HTTP ${response.status})`);
  return response.json();
}

// localStorage can be missing or throw (private modes, blocked cookies): then plans live in memory only.
function browserStorage() {
  try {
    const storage = window.localStorage;
    storage.getItem("verme-suunnittelija");
    return storage;
  } catch {
    return null;
  }
}

////////////////////////////////////////////////////////////////////////////////
// Alerts
////////////////////////////////////////////////////////////////////////////////

function setupAlerts(app) {
  const box = byId("vp-alert");
  const list = byId("vp-alert-messages");
  app.report = (text) => {
    list.append(el("p", { text }));
    box.hidden = false;
  };
  byId("vp-alert-close").addEventListener("click", () => {
    list.replaceChildren();
    box.hidden = true;
  });
}

function fail(error) {
  const message = byId("vp-fatal");
  message.textContent = `Suunnittelijaa ei voitu käynnistää: ${error.message}. Valmiit tapaamispohjat löytyvät alta.`;
  message.hidden = false;
}

////////////////////////////////////////////////////////////////////////////////
// Main entrypoint
////////////////////////////////////////////////////////////////////////////////

async function start(root) {
  const index = checkIndex(await loadIndex(root));
  const app = new Planner(index, browserStorage(), new URL(root.dataset.siteRoot, document.baseURI));
  setupAlerts(app);
  setupPicker(app);
  setupComposer(app);
  setupPlans(app);
  setupCourses(app);
  setupOutputs(app);
  setupPrint(app);
  for (const notice of app.notices) app.report(notice);
  setupRecovery(app);
  app.changed("plan");
  byId("vp-app").hidden = false;
  byId("vp-fallback").hidden = true;
  openFragment(app);
  root.dataset.ready = "true";
}

function main() {
  const root = document.getElementById("verme-planner");
  if (!root) return;
  root.classList.remove("no-js");
  start(root).catch(fail);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", main);
else main();
