// The meeting as a picture: each day a row of bars as long as their minutes, coloured by phase, high
// intensity hatched, breaks striped, a fixed time marked, the earliest–latest finish as a band under it.
// The bars are hidden from screen readers; the same facts are in the figure's text for them.

import { el } from "./dom.js";
import { titleOf } from "./exports.js";
import { formatClock, parseClock } from "./timing.js";
import { INTENSITY_LABELS } from "./words.js";

export function timelineOf(app, plan, timed) {
  if (!timed.blocks.length) return null;
  const days = new Map();
  for (const block of timed.blocks) days.set(block.day, [...(days.get(block.day) ?? []), block]);
  const rows = [];
  const described = [];
  for (const [day, blocks] of days) {
    const first = blocks[0].start;
    const last = days.size === 1 ? timed.latest_finish : blocks[blocks.length - 1].latest_end;
    const end = days.size === 1 && plan.end ? Math.max(parseClock(plan.end), last) : last;
    const span = Math.max(end - first, 1);
    const bar = el("div", { class: "vp-timeline__bar" });
    let clock = first;
    for (const block of blocks) {
      if (block.start > clock) bar.append(sized(el("span", { class: "vp-timeline__idle" }), block.start - clock, span));
      const source = plan.blocks[block.index];
      const method = Object.hasOwn(source, "method") ? app.methods.get(source.method) : null;
      const phase = block.kind === "break" ? "tauko" : method?.phases[0] ?? source.phase ?? "muu";
      const title = titleOf(source, app.methods);
      const classes = ["vp-timeline__block", `vp-timeline--${phaseClass(phase)}`, method?.intensity === "korkea" ? "vp-timeline--intense" : "", source.at ? "vp-timeline--fixed" : ""];
      bar.append(sized(el("span", { class: classes.filter(Boolean).join(" "), title: `${formatClock(block.start)}–${formatClock(block.end)} ${title}` }), block.minutes, span));
      described.push(`${formatClock(block.start)}–${formatClock(block.end)} ${title}${block.kind === "break" ? " (tauko)" : ""}`
        + `${phase !== "tauko" && phase !== "muu" ? `, vaihe ${phase}` : ""}${method ? `, tunnekuorma ${INTENSITY_LABELS[method.intensity] ?? method.intensity}` : ""}${source.at ? `, kiinteä aika klo ${formatClock(parseClock(source.at))}` : ""}`);
      clock = block.end;
    }
    const finish = blocks[blocks.length - 1];
    const band = el("div", { class: "vp-timeline__band" });
    band.append(sized(el("span"), finish.earliest_end - first, span), sized(el("span", { class: "vp-timeline__range" }), Math.max(finish.latest_end - finish.earliest_end, 0.5), span));
    rows.push(el("div", { class: "vp-timeline__day" },
      days.size > 1 ? el("span", { class: "vp-timeline__label", text: `${day}. päivä` }) : null,
      bar, band,
      el("span", { class: "vp-timeline__scale" }, el("span", { text: formatClock(first) }), el("span", { text: formatClock(end) }))));
  }
  const range = timed.earliest_finish !== timed.latest_finish ? ` Päättyy aikaisintaan klo ${formatClock(timed.earliest_finish)}, viimeistään klo ${formatClock(timed.latest_finish)}.` : "";
  return el("figure", { class: "vp-timeline" },
    el("div", { "aria-hidden": "true" }, rows),
    el("figcaption", { class: "vp-visually-hidden", text: `Tapaamisen kulku kuvana: ${described.join("; ")}.${range}` }));
}

function sized(node, minutes, span) {
  node.style.setProperty("width", `${(100 * minutes) / span}%`);
  return node;
}

function phaseClass(phase) {
  return { aloitus: "aloitus", tutustuminen: "tutustuminen", työskentely: "tyoskentely", reflektio: "reflektio", lopetus: "lopetus", tauko: "tauko" }[phase] ?? "muu";
}
