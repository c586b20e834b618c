// Values the planner shares with the handbook's Python side: the clock-time and id patterns, the Finnish
// names of the meeting modes. They arrive in index.json ("shared",
// written by macros/shared_values.py), so no module holds a copy: checkIndex() in app.js adopts them once,
// before anything reads them (the Node runners in tests/js/ call adoptShared() themselves).

export const SHARED = { clock: /(?!)/, id: /(?!)/, modeLabels: {} };

export function adoptShared(shared) {
  SHARED.clock = new RegExp(shared.clock_pattern);
  SHARED.id = new RegExp(shared.id_pattern);
  // Filled in place: words.js exports this same object as MODE_LABELS.
  Object.assign(SHARED.modeLabels, shared.mode_labels);
}
