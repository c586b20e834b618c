// Share links: the whole plan in the URL fragment as base64url of versioned JSON, so no server sees it.
// Reading a link treats it as untrusted data: size, alphabet, UTF-8, JSON, version and every field are
// checked, and each failure has its own Finnish message. Nothing in a link is ever run as code.

import { COURSE_LIMITS, courseFields, validateCoursePlans } from "./course.js";
import { PlanError, sharedPlan, validatePlan } from "./plan.js";

export const SHARE_VERSION = 1;
export const SHARE_KEY = "suunnitelma";
export const TEMPLATE_KEY = "pohja";
export const COURSE_KEY = "sarja";
export const MAX_LINK_LENGTH = 30_000;

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const BROKEN = "Jakolinkki on katkennut tai muuttunut matkalla, joten suunnitelmaa ei voitu lukea. Pyydä lähettäjältä uusi linkki.";

export class ShareError extends Error {}

////////////////////////////////////////////////////////////////////////////////
// Writing
////////////////////////////////////////////////////////////////////////////////

export function shareFragment(plan) {
  const json = JSON.stringify({ v: SHARE_VERSION, plan: sharedPlan(plan) });
  return `${SHARE_KEY}=${toBase64Url(new TextEncoder().encode(json))}`;
}

// A series with every meeting's plan; like a plan link it leaves the group's name out.
export function courseFragment(course, plans) {
  const { name, process, group_size, mode, start, place, cadence, repeats } = course;
  const meetings = course.meetings.map((meeting, position) => ({ held: meeting.held, plan: sharedPlan(plans[position]) }));
  const json = JSON.stringify({ v: SHARE_VERSION, course: { name, group: "", process, group_size, mode, start, place, cadence, repeats, meetings } });
  return `${COURSE_KEY}=${toBase64Url(new TextEncoder().encode(json))}`;
}

function toBase64Url(bytes) {
  let binary = "";
  // Chunks keep String.fromCharCode's argument list short for long plans.
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

////////////////////////////////////////////////////////////////////////////////
// Reading
////////////////////////////////////////////////////////////////////////////////

// What a link's fragment asks for: {template: id}, {share: payload} or {course: payload}, with `notice`
// when the link was bent on the way (case, spaces, percent-encoding, a "?" or other parameters) but could
// still be read; {problem} with the Finnish message when it looks like ours but cannot be read; null when
// it is not ours at all (a heading's anchor).
export function readFragment(hash) {
  const text = hash.startsWith("#") ? hash.slice(1) : hash;
  const exact = ownParam(text);
  if (exact) return exact;
  if (!text.trim()) return null;
  const bends = [];
  const lead = /^[\s?!/&;]+/.exec(text)?.[0] ?? "";
  if (lead.trim()) bends.push(`alussa oli ylimääräinen ”${lead.trim()}”`);
  else if (lead) bends.push("alussa oli välilyönti");
  const params = text.slice(lead.length).split(/[&;]/);
  for (const [position, param] of params.entries()) {
    const found = looseParam(param, bends);
    if (found === null) continue;
    if (found.problem) return found;
    const others = params.filter((other, index) => index !== position && other.trim());
    if (others.length) bends.push(`linkissä oli myös ${others.length === 1 ? "muu osa" : "muita osia"} (${others.map((other) => `”${other.slice(0, 30)}”`).join(", ")}), ${others.length === 1 ? "joka jätettiin" : "jotka jätettiin"} huomiotta`);
    if (bends.length) found.notice = `Linkki oli muuttunut matkalla (${bends.join("; ")}), mutta ${KEY_WORDS[found.key].opened} saatiin silti avattua.`;
    delete found.key;
    return found;
  }
  return null;
}

const KEY_WORDS = {
  [SHARE_KEY]: { field: "share", opened: "suunnitelma", missing: "Linkistä puuttuu itse suunnitelma: tunnisteen ”suunnitelma” perässä pitäisi olla =-merkki ja pitkä merkkijono. Linkki on ehkä katkennut kopioitaessa; pyydä lähettäjältä uusi linkki." },
  [TEMPLATE_KEY]: { field: "template", opened: "tapaamispohja", missing: "Linkistä puuttuu tapaamispohjan tunnus (esimerkiksi ”#pohja=teematapaaminen”), joten pohjaa ei avattu. Valitse pohja luettelosta." },
  [COURSE_KEY]: { field: "course", opened: "tapaamissarja", missing: "Linkistä puuttuu itse tapaamissarja: tunnisteen ”sarja” perässä pitäisi olla =-merkki ja pitkä merkkijono. Linkki on ehkä katkennut kopioitaessa; pyydä lähettäjältä uusi linkki." },
};

function ownParam(text) {
  const split = text.indexOf("=");
  const key = split < 0 ? text : text.slice(0, split);
  if (!Object.hasOwn(KEY_WORDS, key)) return null;
  const value = split < 0 ? "" : text.slice(split + 1);
  if (split < 0 || (key === TEMPLATE_KEY && value === "")) return { problem: KEY_WORDS[key].missing };
  if (/[&;]/.test(value)) return null; // other parameters after the value: the loose reading names them
  return { [KEY_WORDS[key].field]: value };
}

// One "key=value" read leniently; null when the key is nothing like ours.
function looseParam(param, bends) {
  let split = param.indexOf("=");
  let width = 1;
  const encoded = /%3d/i.exec(param);
  if (encoded && (split < 0 || encoded.index < split)) {
    [split, width] = [encoded.index, 3];
  }
  const raw = split < 0 ? param : param.slice(0, split);
  const decoded = decodeSafely(raw);
  const key = decoded.trim().toLocaleLowerCase("fi");
  const known = Object.keys(KEY_WORDS).find((name) => name === key);
  if (!known) {
    const cut = Object.keys(KEY_WORDS).find((name) => key.length >= 3 && name.startsWith(key));
    if (!cut) return null;
    return { problem: `Linkin tunniste ”${decoded.trim().slice(0, 40)}” on vajaa (pitäisi olla ”${cut}”), joten linkkiä ei avattu. Linkki on ehkä katkennut kopioitaessa; pyydä lähettäjältä koko linkki.` };
  }
  if (split < 0) return { problem: KEY_WORDS[known].missing };
  const value = param.slice(split + width).trim();
  if (known === TEMPLATE_KEY && value === "") return { problem: KEY_WORDS[known].missing };
  // A browser writes a typed space as %20: that is a space, not an encoded key.
  if (width === 3 || decoded !== raw.replaceAll("%20", " ")) bends.push("tunniste oli prosenttikoodattu");
  if (decoded.trim() !== decoded) bends.push("tunnisteen ympärillä oli välilyönti");
  if (decoded.trim() !== key) bends.push(`tunniste oli kirjoitettu ”${decoded.trim().slice(0, 40)}” eikä ”${known}”`);
  return { [KEY_WORDS[known].field]: value, key: known };
}

function decodeSafely(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// The plan of a share link payload, or ShareError with the message to show.
export function readSharedPlan(payload, vocabulary) {
  const data = readPayload(payload, "plan", "suunnitelmaa");
  try {
    return validatePlan(data.plan, vocabulary);
  } catch (error) {
    if (error instanceof PlanError) throw new ShareError(`Jakolinkin suunnitelma ei kelpaa, joten sitä ei avattu: ${error.message}.`);
    throw error;
  }
}

// {course, plans, unknownMethods} of a series link: the series and each meeting's plan checked as strictly
// as a plan link, within the same length; the group's name is never taken from a link.
export function readSharedCourse(payload, vocabulary) {
  const data = readPayload(payload, "course", "tapaamissarjaa");
  const shared = data.course;
  try {
    const problems = [];
    if (shared === null || typeof shared !== "object" || Array.isArray(shared)) throw new PlanError(["sarja ei ole tietue"]);
    for (const key of Object.keys(shared)) {
      if (!["name", "group", "process", "group_size", "mode", "start", "place", "cadence", "repeats", "meetings"].includes(key)) problems.push(`tuntematon kenttä ”${key.slice(0, 40)}”`);
    }
    const fields = courseFields({ ...shared, group: "" }, vocabulary, problems);
    const meetings = Array.isArray(shared.meetings) && shared.meetings.length >= 1 && shared.meetings.length <= COURSE_LIMITS.meetings ? shared.meetings : null;
    if (!meetings) problems.push(`tapaamiset: odotettiin listaa, jossa on 1–${COURSE_LIMITS.meetings} tapaamista`);
    const held = [];
    const plans = [];
    (meetings ?? []).forEach((meeting, position) => {
      const keys = meeting !== null && typeof meeting === "object" && !Array.isArray(meeting) ? Object.keys(meeting) : null;
      if (!keys || keys.some((key) => key !== "held" && key !== "plan") || typeof meeting.held !== "boolean") {
        problems.push(`tapaaminen ${position + 1}: odotettiin tietuetta, jossa on pidetty-tieto ja suunnitelma`);
        return;
      }
      held.push(meeting.held);
      plans.push({ ...meeting.plan, group: "" });
    });
    if (problems.length) throw new PlanError(problems);
    const checked = validateCoursePlans(plans, vocabulary);
    return { course: { ...fields, meetings: held.map((value) => ({ held: value })) }, plans: checked.plans, unknownMethods: checked.unknownMethods };
  } catch (error) {
    if (error instanceof PlanError) throw new ShareError(`Jakolinkin tapaamissarja ei kelpaa, joten sitä ei avattu: ${error.message}.`);
    throw error;
  }
}

function readPayload(payload, key, what) {
  if (payload.length > MAX_LINK_LENGTH) {
    throw new ShareError(`Jakolinkki on liian pitkä (yli ${MAX_LINK_LENGTH.toLocaleString("fi-FI")} merkkiä), joten sitä ei avattu.`);
  }
  if (payload === "") throw new ShareError(`Jakolinkissä ei ole ${what}.`);
  const data = parseJson(payload);
  if (data === null || typeof data !== "object" || Array.isArray(data) || !Object.hasOwn(data, "v") || !Object.hasOwn(data, key)) {
    throw new ShareError("Linkki ei ole tapaamisen suunnittelijan jakolinkki, joten sitä ei avattu.");
  }
  checkVersion(data.v);
  return data;
}

function parseJson(payload) {
  if (!BASE64URL.test(payload) || payload.length % 4 === 1) throw new ShareError(BROKEN);
  try {
    const binary = atob(payload.replaceAll("-", "+").replaceAll("_", "/"));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new ShareError(BROKEN);
  }
}

function checkVersion(version) {
  if (version === SHARE_VERSION) return;
  if (Number.isInteger(version) && version > SHARE_VERSION) {
    throw new ShareError(`Jakolinkki on tehty suunnittelijan uudemmalla versiolla (${version}), jota tämä sivu ei osaa lukea. Lataa sivu uudelleen, niin saat uusimman version.`);
  }
  if (Number.isInteger(version) && version >= 0) {
    throw new ShareError(`Jakolinkki on tehty suunnittelijan vanhalla versiolla (${version}), jota ei enää tueta. Pyydä lähettäjältä uusi linkki.`);
  }
  throw new ShareError("Linkki ei ole tapaamisen suunnittelijan jakolinkki, joten sitä ei avattu.");
}
