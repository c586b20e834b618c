// Share and export: a link that carries the whole plan, and downloads of Markdown, an .ics calendar
// event and a YAML session template. Everything is made in the browser; nothing is sent anywhere.

import { byId, download } from "./dom.js";
import { fileStem, icsOf, markdownOf, yamlOf } from "./exports.js";
import { MAX_LINK_LENGTH, shareFragment } from "./share.js";
import { countText } from "./words.js";

export function setupOutputs(app) {
  const status = byId("vp-output-status");
  const say = (text) => {
    status.textContent = text;
  };
  setupShareLink(app, say);
  byId("vp-export-md").addEventListener("click", () => {
    download(`${fileStem(app.plan.name)}.md`, markdownOf(app.plan, app.timed, app.methods, app.index.messages), "text/markdown;charset=utf-8");
    say("Markdown-tiedosto ladattiin.");
  });
  byId("vp-export-ics").addEventListener("click", () => exportCalendar(app, say));
  byId("vp-export-yaml").addEventListener("click", () => {
    download(`${fileStem(app.plan.name)}.yml`, yamlOf(app.plan), "application/yaml;charset=utf-8");
    const warnings = app.timed.warnings.length;
    say(warnings
      ? `Tapaamispohja ladattiin. Huomaa: suunnitelmassa on ${countText(warnings, "varoitus", "varoitusta")}, ja käsikirjan tarkistus hylkää pohjan, kunnes ne on korjattu.`
      : "Tapaamispohja ladattiin. Tallenna se käsikirjan kansioon curriculum/sessions/.");
  });
}

function setupShareLink(app, say) {
  const result = byId("vp-share-result");
  const field = byId("vp-share-link");
  byId("vp-share").addEventListener("click", () => {
    const fragment = shareFragment(app.plan);
    if (fragment.length > MAX_LINK_LENGTH) {
      say("Suunnitelma on liian suuri jaettavaksi linkkinä. Lyhennä huomioita tai jaa se Markdown-tiedostona.");
      return;
    }
    field.value = `${location.href.split("#")[0]}#${fragment}`;
    result.hidden = false;
    field.select();
    say("Jakolinkki on valmis. Linkki sisältää koko suunnitelman; ryhmän nimi ei tule mukaan.");
  });
  byId("vp-share-copy").addEventListener("click", async () => {
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
      say("Jakolinkki kopioitiin leikepöydälle.");
    } catch {
      say("Selain ei antanut kopioida. Linkki on valittuna: kopioi se näppäimillä Ctrl+C.");
    }
  });
  // A link made before an edit would share the old plan.
  app.on(() => {
    result.hidden = true;
  });
}

function exportCalendar(app, say) {
  if (!app.plan.date) {
    say("Valitse ensin tapaamisen päivämäärä, niin kalenteritapahtuma saa oikean ajan.");
    byId("vp-date").focus();
    return;
  }
  if (!app.timed.blocks.length) {
    say("Suunnitelma on tyhjä: lisää ohjelmaa ennen kalenteritapahtumaa.");
    return;
  }
  const text = icsOf(app.plan, app.timed, app.methods, { now: new Date(), uid: app.plan.id });
  download(`${fileStem(app.plan.name)}.ics`, text, "text/calendar;charset=utf-8");
  say("Kalenteritapahtuma ladattiin.");
}
