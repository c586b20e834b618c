// Plans kept in the browser (localStorage). What is read back is untrusted like a share link: each plan
// is validated, and anything that fails is set aside under its own key with a message, never dropped.

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
  }

  // {plans, currentId, notices}: the plans that passed, and a Finnish notice for everything that did not.
  load() {
    const empty = { plans: [], currentId: null, notices: [] };
    if (!this.storage) return { ...empty, notices: ["Selain ei salli tallentamista, joten suunnitelmat katoavat, kun suljet sivun."] };
    const raw = this.storage.getItem(STORE_KEY);
    if (raw === null) return empty;
    let data;
    try {
      data = JSON.parse(raw);
    } catch {
      data = null;
    }
    if (!isStore(data)) {
      const key = this.setAside(raw);
      return { ...empty, notices: [`Selaimeen tallennetut suunnitelmat olivat vioittuneet, joten ne siirrettiin sivuun avaimella ”${key}”. Aloitetaan tyhjästä suunnitelmasta.`] };
    }
    return this.loadPlans(data);
  }

  loadPlans(data) {
    const plans = [];
    const notices = [];
    for (const entry of data.plans) {
      const result = this.loadPlan(entry);
      if (result.plan) plans.push(result.plan);
      if (result.notice) notices.push(result.notice);
    }
    const currentId = plans.some((plan) => plan.id === data.current) ? data.current : plans[0]?.id ?? null;
    return { plans, currentId, notices };
  }

  loadPlan(entry) {
    const name = nameOf(entry);
    try {
      const { id, ...fields } = isObject(entry) ? entry : {};
      if (typeof id !== "string" || !ID.test(id)) throw new PlanError(["tunniste puuttuu tai on virheellinen"]);
      const { plan, unknownMethods } = validatePlan(fields, this.vocabulary);
      if (!unknownMethods.length) return { plan: { id, ...plan } };
      const key = this.setAside(JSON.stringify(entry));
      return {
        plan: { id, ...plan },
        notice: `Suunnitelmasta ${name} jätettiin pois menetelmät, joita käsikirjassa ei enää ole (${unknownMethods.join(", ")}). Alkuperäinen on tallessa avaimella ”${key}”.`,
      };
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      const key = this.setAside(JSON.stringify(entry));
      return { plan: null, notice: `Tallennettu suunnitelma ${name} oli vioittunut (${error.message}), joten se siirrettiin sivuun avaimella ”${key}”.` };
    }
  }

  // Returns null when saved, or the Finnish reason it could not be.
  save(plans, currentId) {
    if (!this.storage) return null;
    try {
      this.storage.setItem(STORE_KEY, JSON.stringify({ version: STORE_VERSION, current: currentId, plans }));
      return null;
    } catch {
      return "Suunnitelmaa ei voitu tallentaa selaimeen: tallennustila on täynnä tai estetty.";
    }
  }

  setAside(raw) {
    this.setAsideCount += 1;
    const key = `${SET_ASIDE_PREFIX}${new Date().toISOString()}-${this.setAsideCount}`;
    try {
      this.storage.setItem(key, raw);
    } catch {
      return `${key} (tallennus epäonnistui)`;
    }
    return key;
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
