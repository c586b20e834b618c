// Runs the planner's pure modules (exports, share links, stored plans) over jobs from a JSON file and
// prints the results as JSON, for tests/test_planner_units.py to check with Python's own parsers.
//
//   node tests/js/run_planner_cases.mjs jobs.json
//
// jobs.json: {"index": <planner index>, "jobs": [{"do": "exports" | "share" | "read_share" | "load_store", …}]}
import { readFileSync } from "node:fs";

import { icsOf, markdownOf, yamlOf } from "../../docs/assets/planner/exports.js";
import { vocabularyOf } from "../../docs/assets/planner/app.js";
import { timingPlan } from "../../docs/assets/planner/plan.js";
import { readFragment, readSharedPlan, shareFragment } from "../../docs/assets/planner/share.js";
import { adoptShared } from "../../docs/assets/planner/shared.js";
import { PlanStore } from "../../docs/assets/planner/store.js";
import { CourseStore } from "../../docs/assets/planner/coursestore.js";
import { meetingDates } from "../../docs/assets/planner/course.js";
import { readSharedCourse } from "../../docs/assets/planner/share.js";
import { suggestPlan } from "../../docs/assets/planner/suggest.js";
import { factsOf, schedule } from "../../docs/assets/planner/timing.js";

const input = JSON.parse(readFileSync(process.argv[2], "utf-8"));
const index = input.index;
adoptShared(index.shared);
const methods = new Map(index.methods.map((method) => [method.id, method]));
const facts = factsOf(index.methods);
const vocabulary = vocabularyOf(index);

// A stand-in for window.localStorage: the calls the store makes, and a quota in characters like a browser's.
class MemoryStorage {
  constructor(items, quota = Infinity) {
    this.items = new Map(Object.entries(items));
    this.quota = quota;
  }
  get length() {
    return this.items.size;
  }
  key(index) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key) {
    return this.items.has(key) ? this.items.get(key) : null;
  }
  setItem(key, value) {
    const used = [...this.items].reduce((sum, [k, v]) => sum + (k === key ? 0 : k.length + v.length), 0);
    if (used + key.length + String(value).length > this.quota) throw new Error("QuotaExceededError");
    this.items.set(key, String(value));
  }
  removeItem(key) {
    this.items.delete(key);
  }
  dump() {
    return Object.fromEntries(this.items);
  }
}

const JOBS = {
  exports({ plan, now, uid }) {
    const timed = schedule(timingPlan(plan), facts);
    return {
      markdown: markdownOf(plan, timed, methods, index.messages),
      ics: icsOf(plan, timed, methods, { now: new Date(now), uid }),
      yaml: yamlOf(plan),
    };
  },
  share({ plan }) {
    return { fragment: shareFragment(plan) };
  },
  read_share({ hash }) {
    const found = readFragment(hash);
    try {
      return { found, ...readSharedPlan(found.share, vocabulary) };
    } catch (error) {
      return { found, error: error.message, kind: error.constructor.name };
    }
  },
  load_store({ items, quota, edit }) {
    const storage = new MemoryStorage(items, quota ?? Infinity);
    const store = new PlanStore(storage, vocabulary);
    const loaded = store.load();
    // A save after loading, as the planner makes at once: it must not write over held plans.
    const saved = edit ? store.save(loaded.plans, loaded.currentId) : undefined;
    return { ...loaded, held: store.held, saved, storage: storage.dump() };
  },
  load_courses({ items }) {
    const storage = new MemoryStorage(items);
    const courses = new CourseStore(new PlanStore(storage, vocabulary), vocabulary);
    const loaded = courses.load();
    const saved = courses.save(loaded.courses, loaded.currentId);
    return { ...loaded, saved, storage: storage.dump() };
  },
  suggest({ request, seed, used = [] }) {
    try {
      return { plan: suggestPlan(request, index.methods, { seed, used: new Set(used) }) };
    } catch (error) {
      return { error: error.message, kind: error.constructor.name };
    }
  },
  meeting_dates({ first, cadence, count }) {
    return { dates: meetingDates(first, cadence, count) };
  },
  read_course({ hash }) {
    const found = readFragment(hash);
    try {
      return { found, ...readSharedCourse(found.course, vocabulary) };
    } catch (error) {
      return { found, error: error.message, kind: error.constructor.name };
    }
  },
  read_fragment({ hash }) {
    return { found: readFragment(hash) };
  },
};

process.stdout.write(JSON.stringify(input.jobs.map((job) => JOBS[job.do](job))));
