// DOM helpers. Every element is made with createElement and every piece of text set through text nodes
// or textContent: data from the index, saved plans or share links never passes through an HTML parser.

const PROPERTIES = new Set(["value", "checked", "selected", "hidden", "disabled", "draggable", "readOnly", "required"]);

////////////////////////////////////////////////////////////////////////////////
// Elements
////////////////////////////////////////////////////////////////////////////////

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (PROPERTIES.has(key)) node[key] = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  node.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

// Text for screen readers only, e.g. the method's name after a short visible button label.
export function hiddenText(text) {
  return el("span", { class: "vp-visually-hidden", text });
}

export function options(select, choices, selected) {
  select.replaceChildren(...choices.map(([value, label]) => el("option", { value, text: label, selected: value === selected })));
}

export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the planner page has no element #${id}`);
  return node;
}

////////////////////////////////////////////////////////////////////////////////
// Files and announcements
////////////////////////////////////////////////////////////////////////////////

export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute later nobody needs the URL.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// A polite live region re-announces only when its text changes, so clear it first.
export function announce(region, text) {
  region.textContent = "";
  setTimeout(() => {
    region.textContent = text;
  }, 50);
}

export function debounce(fn, wait) {
  let timer = 0;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), wait);
  };
}
