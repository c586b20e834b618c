// Plans kept in the browser (localStorage). What is read back is untrusted like a share link: each plan
// is validated, and anything that fails is set aside under its own key with a message, never dropped.
// When a copy cannot be set aside (the storage is full), the stored plans are held: nothing is written
// over them until the whole original has been set aside, and the page offers it as a file meanwhile.

import { PlanError, validatePlan } from "./plan.js";

export const STORE_KEY = "verme-suunnittelija";
export const SET_ASIDE_PREFIX = "verme-suunnittelija/sivuun/";
const STORE_VERSION = 1;
const ID = /^[a-z0-9]{1,32}$/;

export function newId() {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => byte.toString(36).padStart(2, "0")).join("");
}

// The names of methods a group has used in its other plans, for "untried first" in the picker.
export function methodsUsedByGroup(plans, group, exceptId) {
  const name = group.trim().toLocaleLowerCase("fi");
  const used = new Set();
  if (!name) return used;
  for (const plan of plans) {
    if (plan.id === exceptId || plan.group.trim().toLocaleLowerCase("fi") !== name) continue;
    for (const block of plan.blocks) if (block.method) used.add(block.method);
  }
  return used;
}

export class PlanStore {
  // `storage` is window.localStorage, or null when the browser refuses it.
  constructor(storage, vocabulary) {
    this.storage = storage;
    this.vocabulary = vocabulary;
    this.setAsideCount = 0;
    // The stored text exactly as read, while it could not be set aside; saving is refused meanwhile.
    this.held = null;
  }

  // {plans, currentId, notices}: the plans that passed, and a Finnish notice for everything that did not.
  load() {
    const empty = { plans: [], currentId: null, notices: [] };
    if (!this.storage) return { ...empty, notices: ["Selain ei salli tallentamista, joten suunnitelmat katoavat, kun suljet sivun."] };
    const raw = this.storage.getItem(STORE_KEY);
    if (raw === null) return empty;
    const data = parsed(raw);
    if (!isStore(data)) {
      const key = this.setAside(raw);
      if (key === null) return { ...empty, notices: [this.hold(raw, "Selaimeen tallennetut suunnitelmat ovat vioittuneet, eikä niitä voitu siirtää sivuun")] };
      return { ...empty, notices: [`Selaimeen tallennetut suunnitelmat olivat vioittuneet, joten ne siirrettiin sivuun avaimella ”${key}”. Aloitetaan tyhjästä suunnitelmasta.`] };
    }
    return this.loadPlans(data, raw);
  }

  loadPlans(data, raw) {
    const plans = [];
    const problems = [];
    for (const entry of data.plans) {
      const result = this.loadPlan(entry);
      if (result.plan) plans.push(result.plan);
      if (result.problem) problems.push(result);
    }
    const currentId = plans.some((plan) => plan.id === data.current) ? data.current : plans[0]?.id ?? null;
    // Every copy, or none: a partial set would only use up space the whole original needs.
    const keys = [];
    for (const { entry } of problems) {
      const key = this.setAside(JSON.stringify(entry));
      if (key === null) {
        for (const written of keys) this.storage.removeItem(written);
        const notice = this.hold(raw, "Osa selaimeen tallennetuista suunnitelmista on vioittunut, eikä niitä voitu siirtää sivuun");
        return { plans, currentId, notices: [notice, ...problems.map(({ problem, unknown }) => (unknown ? problem : `${problem}.`))] };
      }
      keys.push(key);
    }
    const notices = problems.map(({ problem, unknown }, index) =>
      unknown ? `${problem} Alkuperäinen on tallessa avaimella ”${keys[index]}”.` : `${problem}, joten se siirrettiin sivuun avaimella ”${keys[index]}”.`);
    return { plans, currentId, notices };
  }

  // {plan, problem, entry, unknown}: the plan to use (or null) and, when it needs a copy set aside, why.
  loadPlan(entry) {
    const name = nameOf(entry);
    try {
      const { id, ...fields } = isObject(entry) ? entry : {};
      if (typeof id !== "string" || !ID.test(id)) throw new PlanError(["tunniste puuttuu tai on virheellinen"]);
      const { plan, unknownMethods } = validatePlan(fields, this.vocabulary);
      if (!unknownMethods.length) return { plan: { id, ...plan } };
      return {
        plan: { id, ...plan }, entry, unknown: true,
        problem: `Suunnitelmasta ${name} jätettiin pois menetelmät, joita käsikirjassa ei enää ole (${unknownMethods.join(", ")}).`,
      };
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      return { plan: null, entry, problem: `Tallennettu suunnitelma ${name} oli vioittunut (${error.message})` };
    }
  }

  // Returns null when saved, or the Finnish reason it could not be.
  save(plans, currentId) {
    if (!this.storage) return null;
    if (this.held !== null) return "Muutoksia ei tallenneta selaimeen, jotta aiemmin tallennetut suunnitelmat eivät katoa.";
    try {
      this.storage.setItem(STORE_KEY, JSON.stringify({ version: STORE_VERSION, current: currentId, plans }));
      return null;
    } catch {
      return "Suunnitelmaa ei voitu tallentaa selaimeen: tallennustila on täynnä tai estetty.";
    }
  }

  // The key of the new copy, or null when the browser would not store it.
  setAside(raw) {
    let key;
    do {
      this.setAsideCount += 1;
      key = `${SET_ASIDE_PREFIX}${new Date().toISOString()}-${this.setAsideCount}`;
    } while (this.storage.getItem(key) !== null);
    try {
      this.storage.setItem(key, raw);
    } catch {
      return null;
    }
    return key;
  }

  hold(raw, what) {
    this.held = raw;
    return `${what}, koska selaimen tallennustila on täynnä. Ne ovat yhä selaimessa sellaisinaan, eikä suunnittelija tallenna mitään niiden päälle. Lataa ne tiedostona talteen. Kun olet vapauttanut tilaa, esimerkiksi poistamalla sivuun siirrettyjä kopioita, valitse ”Yritä siirtää uudelleen”. Jos tilaa ei saa vapaaksi, voit poistaa ne selaimesta, kun tiedosto on tallessa.`;
  }

  // Sets the held original aside as one copy, after which saving resumes. Returns whether it worked.
  release() {
    if (this.held === null) return true;
    if (this.setAside(this.held) === null) return false;
    this.held = null;
    return true;
  }

  // The reader's choice, once they have the file: saving resumes and writes over the held original.
  discardHeld() {
    this.held = null;
  }

  // ---------------------------------------------------------------- set-aside copies

  // [{key, raw}] in the order they were set aside.
  copies() {
    if (!this.storage) return [];
    const keys = [];
    for (let index = 0; index < this.storage.length; index += 1) {
      const key = this.storage.key(index);
      if (key?.startsWith(SET_ASIDE_PREFIX)) keys.push(key);
    }
    return keys.sort().map((key) => ({ key, raw: this.storage.getItem(key) ?? "" }));
  }

  // What a copy holds, for its label: {plans: n} for a set of plans, {name} for one plan, {} otherwise.
  describe(raw) {
    const data = parsed(raw);
    if (isStore(data)) return { plans: data.plans.length };
    if (isObject(data)) return { name: nameOf(data) };
    return {};
  }

  // The plans a copy can give back, each with a new id: {plans, lost}, `lost` counting what stays behind
  // (plans that fail validation, and any method the handbook no longer has).
  restorable(raw) {
    const data = parsed(raw);
    const entries = isStore(data) ? data.plans : isObject(data) ? [data] : null;
    if (entries === null) return { plans: [], lost: 1 };
    const plans = [];
    let lost = 0;
    for (const entry of entries) {
      const { id, ...fields } = isObject(entry) ? entry : {};
      try {
        const { plan, unknownMethods } = validatePlan(fields, this.vocabulary);
        plans.push({ ...plan, id: newId() });
        lost += unknownMethods.length;
      } catch (error) {
        if (!(error instanceof PlanError)) throw error;
        lost += 1;
      }
    }
    return { plans, lost };
  }

  remove(key) {
    if (key.startsWith(SET_ASIDE_PREFIX)) this.storage.removeItem(key);
  }
}

function parsed(raw) {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isStore(data) {
  return isObject(data) && data.version === STORE_VERSION && Array.isArray(data.plans);
}

function nameOf(entry) {
  const name = isObject(entry) && typeof entry.name === "string" ? entry.name.slice(0, 80) : "";
  return name ? `”${name}”` : "(nimetön)";
}
