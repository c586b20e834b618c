// What the store could not use as it was: the copies it set aside, listed by date and content with
// restore, download and delete; and, while the stored plans are held because the storage is full, the
// original offered as a file (in the alert and here) with a way to set it aside once there is room.

import { announce, byId, download, el, hiddenText } from "./dom.js";
import { SET_ASIDE_PREFIX } from "./store.js";

const TITLE = "Sivuun siirretyt tiedot";
const COPY_DATE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)-\d+$/;

export function setupRecovery(app) {
  const section = el("section", { id: "vp-recovery", class: "vp-recovery", "aria-labelledby": "vp-recovery-title" });
  byId("vp-plans-title").closest("section").after(section);
  if (app.store.held !== null) {
    byId("vp-alert-messages").append(el("p", {}, heldDownloadButton(app)));
  }
  render(app, section);
}

function render(app, section) {
  const copies = app.store.copies();
  const held = app.store.held;
  section.hidden = !copies.length && held === null;
  section.replaceChildren(
    el("h2", { id: "vp-recovery-title", tabindex: "-1", text: TITLE }),
    el("p", { text: "Tänne suunnittelija siirtää selaimeen tallennetut tiedot, joita se ei voinut käyttää sellaisinaan. Voit palauttaa niistä suunnitelmat omiin suunnitelmiisi tai ladata ne tiedostona." }),
    held === null ? null : el("div", { class: "vp-recovery__held" },
      el("p", { text: `Selaimeen tallennetut suunnitelmat (${sizeOf(held)}) ovat tallessa sellaisinaan, mutta niitä ei voitu siirtää sivuun, koska tallennustila on täynnä. Muutoksia ei tallenneta ennen kuin ne on siirretty.` }),
      el("div", { class: "vp-row" },
        heldDownloadButton(app),
        el("button", { type: "button", class: "vp-button vp-button--quiet", onclick: () => retry(app, section) }, "Yritä siirtää uudelleen"),
        el("button", { type: "button", class: "vp-button vp-button--quiet", onclick: () => discard(app, section) }, "Poista ne selaimesta"))),
    copies.length ? el("ul", { class: "vp-recovery__list" }, copies.map((copy) => item(app, section, copy))) : null,
  );
}

function item(app, section, copy) {
  const label = labelOf(app.store, copy);
  const button = (text, onclick) => el("button", { type: "button", class: "vp-button vp-button--quiet", onclick }, text, hiddenText(`: ${label}`));
  return el("li", { class: "vp-recovery__copy" },
    el("p", { text: label }),
    el("div", { class: "vp-row" },
      button("Palauta", () => restore(app, section, copy, label)),
      button("Lataa tiedostona", () => downloadRaw(copy.key, copy.raw)),
      button("Poista", () => remove(app, section, copy, label))));
}

function heldDownloadButton(app) {
  return el("button", { type: "button", class: "vp-button", onclick: () => downloadRaw("", app.store.held) }, "Lataa tiedostona",
    hiddenText(": selaimeen tallennetut suunnitelmat"));
}

////////////////////////////////////////////////////////////////////////////////
// Actions
////////////////////////////////////////////////////////////////////////////////

function restore(app, section, copy, label) {
  const { plans, lost } = app.store.restorable(copy.raw);
  if (!plans.length) {
    app.report(`Kopiossa (${label}) ei ole suunnitelmia, jotka suunnittelija voisi palauttaa. Voit ladata sen tiedostona.`);
    return;
  }
  // The first through addPlan, which also drops an untouched new plan; the rest after it in one save.
  const [first, ...others] = plans;
  app.addPlan(first);
  if (others.length) {
    app.plans.push(...others);
    app.changed("plan");
  }
  // The copy goes only when everything in it is back and saved; otherwise it stays as the original.
  if (!lost && !app.saveFailed) app.store.remove(copy.key);
  render(app, section);
  byId("vp-plan-select").focus();
  const what = plans.length === 1 ? `Suunnitelma ”${first.name}” palautettiin` : `${plans.length} suunnitelmaa palautettiin`;
  if (lost) app.report(`${what} omiin suunnitelmiisi. Osaa kopion tiedoista ei voitu palauttaa, joten kopio jää talteen.`);
  else announce(byId("vp-live"), `${what} omiin suunnitelmiisi.`);
}

function remove(app, section, copy, label) {
  if (!window.confirm(`Poistetaanko sivuun siirretty kopio (${label})? Poistettua kopiota ei saa takaisin.`)) return;
  app.store.remove(copy.key);
  render(app, section);
  (section.hidden ? byId("vp-plans-title") : byId("vp-recovery-title")).focus();
  announce(byId("vp-live"), "Kopio poistettiin.");
}

function retry(app, section) {
  if (!app.store.release()) {
    app.report("Tilaa ei vieläkään ole tarpeeksi tallennettujen suunnitelmien siirtämiseen. Lataa ne tiedostona ja vapauta tilaa.");
    return;
  }
  app.changed("plan");
  render(app, section);
  byId("vp-recovery-title").focus();
  announce(byId("vp-live"), "Tallennetut suunnitelmat siirrettiin sivuun, ja muutokset tallentuvat taas.");
}

function discard(app, section) {
  if (!window.confirm("Poistetaanko selaimeen tallennetut suunnitelmat? Jos et ole ladannut niitä tiedostona, ne katoavat lopullisesti.")) return;
  app.store.discardHeld();
  app.changed("plan");
  render(app, section);
  (section.hidden ? byId("vp-plans-title") : byId("vp-recovery-title")).focus();
  announce(byId("vp-live"), "Tallennetut suunnitelmat poistettiin selaimesta, ja muutokset tallentuvat taas.");
}

////////////////////////////////////////////////////////////////////////////////
// Labels and files
////////////////////////////////////////////////////////////////////////////////

function labelOf(store, { key, raw }) {
  const what = store.describe(raw);
  const content = what.plans !== undefined ? `${what.plans} ${what.plans === 1 ? "suunnitelma" : "suunnitelmaa"}`
    : what.name ? `suunnitelma ${what.name}` : "tietoja, joita ei voi lukea suunnitelmiksi";
  const when = dateOf(key);
  return `${when ? `Siirretty ${when}` : "Siirretty sivuun"}: ${content} (${sizeOf(raw)})`;
}

// The time in the key, in the reader's time zone, written the Finnish way without the browser's locale.
function dateOf(key) {
  const match = COPY_DATE.exec(key.slice(SET_ASIDE_PREFIX.length));
  const date = match ? new Date(match[1]) : null;
  if (!date || Number.isNaN(date.getTime())) return "";
  return `${date.getDate()}.${date.getMonth() + 1}.${date.getFullYear()} klo ${date.getHours()}.${String(date.getMinutes()).padStart(2, "0")}`;
}

function sizeOf(raw) {
  return `${Math.max(1, Math.round(raw.length / 1000))} kt`;
}

function downloadRaw(key, raw) {
  const json = isJson(raw);
  const stamp = key.slice(SET_ASIDE_PREFIX.length).replace(/[^0-9A-Za-z]+/g, "-").slice(0, 40);
  download(`verme-suunnitelmat${stamp ? `-${stamp}` : ""}.${json ? "json" : "txt"}`, fileText(raw), json ? "application/json" : "text/plain");
}

// The stored text as it is. A string with lone surrogates has no UTF-8 form, so that one is written as a
// JSON string, which keeps every code unit.
function fileText(raw) {
  return typeof raw.isWellFormed === "function" && !raw.isWellFormed() ? JSON.stringify(raw) : raw;
}

function isJson(raw) {
  try {
    JSON.parse(raw);
    return true;
  } catch {
    return false;
  }
}
