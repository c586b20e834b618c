// Series kept in the browser next to the plans, under their own key, by the same rules as the plans
// (store.js): what is read back is validated, and whatever fails is set aside through the plan store's
// setAside with a message, never dropped or overwritten.

import { validateCourse } from "./course.js";
import { PlanError } from "./plan.js";

export const COURSE_KEY = "verme-suunnittelija/sarjat";
const COURSE_VERSION = 1;

export class CourseStore {
  // `planStore` is the PlanStore whose storage and setting aside this store shares.
  constructor(planStore, vocabulary) {
    this.planStore = planStore;
    this.vocabulary = vocabulary;
  }

  get storage() {
    return this.planStore.storage;
  }

  // {courses, currentId, notices}
  load() {
    const empty = { courses: [], currentId: null, notices: [] };
    if (!this.storage) return empty;
    const raw = this.storage.getItem(COURSE_KEY);
    if (raw === null) return empty;
    let data;
    try {
      data = JSON.parse(raw);
    } catch {
      data = null;
    }
    if (!isObject(data) || data.version !== COURSE_VERSION || !Array.isArray(data.courses)) {
      const key = this.keepAside(raw);
      return { ...empty, notices: [`Selaimeen tallennetut tapaamissarjat olivat vioittuneet, joten ne siirrettiin sivuun avaimella ”${key}”. Suunnitelmat itse ovat tallessa.`] };
    }
    const courses = [];
    const notices = [];
    for (const entry of data.courses) {
      try {
        courses.push(validateCourse(entry, this.vocabulary));
      } catch (error) {
        if (!(error instanceof PlanError)) throw error;
        const key = this.keepAside(JSON.stringify(entry));
        const name = isObject(entry) && typeof entry.name === "string" && entry.name ? `”${entry.name.slice(0, 80)}”` : "(nimetön)";
        notices.push(`Tallennettu tapaamissarja ${name} oli vioittunut (${error.message}), joten se siirrettiin sivuun avaimella ”${key}”. Sen tapaamisten suunnitelmat ovat tallessa.`);
      }
    }
    const currentId = courses.some((course) => course.id === data.current) ? data.current : null;
    return { courses, currentId, notices };
  }

  // What could not be set aside is never overwritten: saving stops until the page is reloaded.
  keepAside(raw) {
    const key = this.planStore.setAside(raw);
    if (this.storage.getItem(key) !== raw) this.readOnly = true;
    return key;
  }

  // null when saved, or the Finnish reason it could not be.
  save(courses, currentId) {
    if (!this.storage) return null;
    if (this.readOnly) return "Tapaamissarjoja ei tallenneta, koska vioittuneita sarjoja ei saatu siirrettyä sivuun. Vapauta selaimen tallennustilaa ja lataa sivu uudelleen.";
    try {
      // No series yet: nothing is written, so a planner without series leaves storage as it was.
      if (!courses.length && this.storage.getItem(COURSE_KEY) === null) return null;
      this.storage.setItem(COURSE_KEY, JSON.stringify({ version: COURSE_VERSION, current: currentId, courses }));
      return null;
    } catch {
      return "Tapaamissarjaa ei voitu tallentaa selaimeen: tallennustila on täynnä tai estetty.";
    }
  }
}

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
