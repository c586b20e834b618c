// Pick: filter the methods by phase, duration, group size, mode, family and intensity, plus free text.
// Cards are built once per method and reused, and only the first PAGE matches are shown at a time, so a
// filter change stays fast with thousands of methods.

import { announce, byId, el, hiddenText, options } from "./dom.js";
import { methodBlock } from "./plan.js";
import { INTENSITY_LABELS, MODE_LABELS, finishText } from "./words.js";

const PAGE = 40;
const DURATIONS = [10, 15, 20, 30, 45, 60, 90];

export function setupPicker(app) {
  const view = {
    app,
    form: byId("vp-filters"),
    results: byId("vp-results"),
    count: byId("vp-count"),
    more: byId("vp-more"),
    untried: byId("vp-untried"),
    live: byId("vp-live"),
    entries: app.index.methods.map((method) => ({ method, haystack: haystackOf(method), card: null })),
    limit: PAGE,
    group: null,
  };
  fillFilters(app.index);
  view.form.addEventListener("submit", (event) => event.preventDefault());
  view.form.addEventListener("input", () => refresh(view));
  view.form.addEventListener("reset", () => setTimeout(() => refresh(view)));
  view.more.addEventListener("click", () => {
    view.limit += PAGE * 5;
    render(view);
  });
  app.on((change, detail) => {
    // The size and mode filters start from the plan's own, and follow when they change in the plan.
    if ((change === "plan" && app.plan.id !== view.followed) || detail.key === "group_size" || detail.key === "mode") {
      view.followed = app.plan.id;
      followPlan(view);
      return;
    }
    // Only another plan, another group or plans added or removed (undo may bring one back) change which
    // methods the group has tried; redrawing the list for nothing costs as much as a filter change.
    if ((change === "plan" && (app.plan.id !== view.planId || app.plans.length !== view.planCount)) || app.plan.group !== view.group) render(view);
  });
  return view;
}

function fillFilters(index) {
  const any = (label) => [["", label]];
  options(byId("vp-phase"), [...any("Kaikki vaiheet"), ...index.phases.map((phase) => [phase, phase])], "");
  options(byId("vp-duration"), [...any("Mikä tahansa"), ...DURATIONS.map((minutes) => [String(minutes), `enintään ${minutes} min`])], "");
  options(byId("vp-filter-mode"), [...any("Kaikki muodot"), ...index.modes.map((mode) => [mode, MODE_LABELS[mode] ?? mode])], "");
  options(byId("vp-family"), [...any("Kaikki perheet"), ...index.families.map((family) => [family, family])], "");
  options(byId("vp-intensity"), [...any("Kaikki"), ...index.intensities.map((level) => [level, INTENSITY_LABELS[level] ?? level])], "");
}

function followPlan(view) {
  const { plan } = view.app;
  view.form.elements.koko.value = String(plan.group_size);
  view.form.elements.muoto.value = plan.mode;
  refresh(view);
}

function refresh(view) {
  view.limit = PAGE;
  render(view);
}

////////////////////////////////////////////////////////////////////////////////
// Filtering
////////////////////////////////////////////////////////////////////////////////

function haystackOf(method) {
  return [method.name, method.summary, method.family, ...method.keywords, ...method.phases].join(" ").toLocaleLowerCase("fi");
}

function filtersOf(form) {
  const value = (name) => form.elements[name].value;
  const size = value("koko").trim();
  return {
    words: value("haku").toLocaleLowerCase("fi").split(/\s+/).filter(Boolean),
    phase: value("vaihe"),
    duration: Number(value("kesto")) || Infinity,
    size: /^\d+$/.test(size) ? Number(size) : null,
    mode: value("muoto"),
    family: value("perhe"),
    intensity: value("tunnekuorma"),
  };
}

function matches(entry, filters) {
  const { method } = entry;
  return (!filters.phase || method.phases.includes(filters.phase))
    && method.duration[0] <= filters.duration
    && (filters.size === null || (method.group_size[0] <= filters.size && filters.size <= method.group_size[1]))
    && (!filters.mode || method.modes.includes(filters.mode))
    && (!filters.family || method.family === filters.family)
    && (!filters.intensity || method.intensity === filters.intensity)
    && filters.words.every((word) => entry.haystack.includes(word));
}

////////////////////////////////////////////////////////////////////////////////
// Results
////////////////////////////////////////////////////////////////////////////////

function render(view) {
  const { app } = view;
  view.group = app.plan.group;
  view.planId = app.plan.id;
  view.planCount = app.plans.length;
  const used = app.usedByGroup();
  const hasGroup = app.plan.group.trim() !== "";
  view.untried.disabled = !hasGroup;
  let found = view.entries.filter((entry) => matches(entry, filtersOf(view.form)));
  if (hasGroup && view.untried.checked) {
    found = [...found.filter((entry) => !used.has(entry.method.id)), ...found.filter((entry) => used.has(entry.method.id))];
  }
  const shown = found.slice(0, view.limit);
  view.results.replaceChildren(...shown.map((entry) => cardOf(view, entry, used.has(entry.method.id))));
  view.count.textContent = countLine(found.length, shown.length);
  view.more.hidden = shown.length >= found.length;
  view.more.textContent = `Näytä lisää (${found.length - shown.length} jäljellä)`;
}

function countLine(found, shown) {
  if (!found) return "Ei menetelmiä näillä rajauksilla.";
  const line = found === 1 ? "1 menetelmä" : `${found} menetelmää`;
  return shown < found ? `${line}, näytetään ${shown}.` : `${line}.`;
}

function cardOf(view, entry, used) {
  entry.card ??= buildCard(view, entry.method);
  entry.card.used.hidden = !used;
  return entry.card.li;
}

function buildCard(view, method) {
  const { app } = view;
  const add = el("button", { type: "button", class: "vp-button", onclick: () => addMethod(view, method) }, "Lisää", hiddenText(` suunnitelmaan: ${method.name}`));
  const used = el("p", { class: "vp-card__used", text: "Ryhmä on jo käyttänyt tätä menetelmää.", hidden: true });
  const li = el("li", { class: "vp-card" },
    el("h3", { class: "vp-card__title" }, el("a", { href: app.urlOf(method), text: method.name })),
    el("p", { class: "vp-card__summary", text: method.summary }),
    el("p", { class: "vp-card__facts", text: factsLine(method) }),
    used, add);
  return { li, used };
}

export function factsLine(method) {
  const minutes = method.per_participant
    ? `${method.per_participant} min/hlö (${method.duration[0]}–${method.duration[1]} min)`
    : `${method.duration[0]}–${method.duration[1]} min`;
  return [minutes, `${method.group_size[0]}–${method.group_size[1]} henkeä`, method.modes.join(", "), `vaihe: ${method.phases.join(", ")}`, `tunnekuorma: ${INTENSITY_LABELS[method.intensity] ?? method.intensity}`].join(" · ");
}

function addMethod(view, method) {
  view.app.addBlock(methodBlock(method));
  announce(view.live, `${method.name} lisätty suunnitelman loppuun. ${finishText(view.app.timed)}`);
}
