// The planner's state: the index, the saved plans and the current one. Views call its edit methods and
// listen for changes; it reschedules and saves after every edit, so every view sees the same timing.

import { draftCourse, meetingDates } from "./course.js";
import { CourseStore } from "./coursestore.js";
import { History } from "./history.js";
import { factsOf, schedule } from "./timing.js";
import { moveBlock, newPlan, timingPlan } from "./plan.js";
import { adoptShared } from "./shared.js";
import { PlanStore, methodsUsedByGroup, newId } from "./store.js";

// Twice on purpose: macros/planner_index.py writes the version, this is the one the page reads
// (tests/test_habits.py keeps them equal).
export const INDEX_VERSION = 2;

export function vocabularyOf(index) {
  return { modes: index.modes, phases: index.phases, methodIds: new Set(index.methods.map((method) => method.id)) };
}

export class Planner {
  constructor(index, storage, siteRoot) {
    this.index = index;
    this.methods = new Map(index.methods.map((method) => [method.id, method]));
    this.sessions = new Map(index.sessions.map((session) => [session.id, session]));
    this.facts = factsOf(index.methods);
    this.vocabulary = vocabularyOf(index);
    this.store = new PlanStore(storage, this.vocabulary);
    this.listeners = [];
    this.report = () => {};
    this.siteRoot = siteRoot;
    const loaded = this.store.load();
    this.notices = loaded.notices;
    this.plans = loaded.plans.length ? loaded.plans : [{ id: newId(), ...newPlan() }];
    this.plan = this.plans.find((plan) => plan.id === loaded.currentId) ?? this.plans[0];
    this.courseStore = new CourseStore(this.store, this.vocabulary);
    const courses = this.courseStore.load();
    this.notices.push(...courses.notices);
    this.courses = courses.courses;
    this.course = this.courses.find((course) => course.id === courses.currentId) ?? null;
    this.processes = new Map((index.processes ?? []).map((process) => [process.id, process]));
    this.timed = this.schedule(this.plan);
    this.history = new History();
  }

  // change: "plan" (another plan is shown), "blocks" (added, removed, moved) or "values" (a field edited).
  on(listener) {
    this.listeners.push(listener);
  }

  schedule(plan) {
    return schedule(timingPlan(plan), this.facts);
  }

  changed(change, detail = {}) {
    this.timed = this.schedule(this.plan);
    const problem = this.store.save(this.plans, this.plan.id) ?? this.courseStore.save(this.courses, this.course?.id ?? null);
    if (problem && !this.saveFailed) this.report(problem);
    this.saveFailed = Boolean(problem);
    for (const listener of this.listeners) listener(change, detail);
  }

  // A method's handbook page; index URLs are relative to the site root, which the page tells us.
  urlOf(method) {
    return new URL(method.url, this.siteRoot).href;
  }

  usedByGroup() {
    return methodsUsedByGroup(this.plans, this.plan.group, this.plan.id);
  }

  // ---------------------------------------------------------------- undo and redo

  snapshot() {
    return JSON.stringify({ plans: this.plans, current: this.plan.id, courses: this.courses, course: this.course?.id ?? null });
  }

  // Before every change: `mergeKey` joins typing into one field into one step.
  record(mergeKey = null) {
    this.history.record(this.snapshot(), mergeKey);
  }

  restore(snapshot) {
    const state = JSON.parse(snapshot);
    this.plans = state.plans;
    this.plan = this.plans.find((plan) => plan.id === state.current) ?? this.plans[0];
    this.courses = state.courses;
    this.course = this.courses.find((course) => course.id === state.course) ?? null;
  }

  // true when something was undone (or redone); the views redraw as for another plan.
  undo() {
    return this.travel(this.history.undo(this.snapshot()), "undo");
  }

  redo() {
    return this.travel(this.history.redo(this.snapshot()), "redo");
  }

  travel(snapshot, direction) {
    if (snapshot === null) return false;
    this.restore(snapshot);
    this.changed("plan", { history: direction });
    return true;
  }

  // ---------------------------------------------------------------- plan fields and blocks

  setField(key, value) {
    this.record(`${this.plan.id}:${key}`);
    this.plan[key] = value;
    this.changed("values", { key });
  }

  setBlockField(index, key, value) {
    this.record(`${this.plan.id}:${index}:${key}`);
    const block = this.plan.blocks[index];
    if (value === undefined || value === "") delete block[key];
    else block[key] = value;
    this.changed("values", { index, key });
  }

  // `focus`: move the keyboard focus to the new block (not when adding from the picker's list).
  addBlock(block, focus = false) {
    this.record();
    this.plan.blocks.push(block);
    this.changed("blocks", { added: this.plan.blocks.length - 1, focus });
  }

  removeBlock(index) {
    this.record();
    this.plan.blocks.splice(index, 1);
    this.changed("blocks", { removed: index });
  }

  moveBlock(from, to, focusKey) {
    if (to < 0 || to >= this.plan.blocks.length || from === to) return false;
    this.record();
    moveBlock(this.plan, from, to);
    this.changed("blocks", { moved: to, focusKey });
    return true;
  }

  // A suggested programme in place of the plan's own (one step to undo).
  replaceProgramme({ start, end, blocks }) {
    this.record();
    Object.assign(this.plan, { start, end, blocks });
    this.changed("plan", { suggested: true });
  }

  // ---------------------------------------------------------------- the list of plans

  selectPlan(id) {
    this.history.breakMerge();
    this.plan = this.plans.find((plan) => plan.id === id) ?? this.plan;
    this.changed("plan");
  }

  addPlan(fields) {
    this.record();
    const plan = { ...newPlan(), ...fields, id: newId() };
    const current = this.plan;
    // An untouched new plan is replaced rather than left behind as clutter.
    if (isUntouched(current)) this.plans.splice(this.plans.indexOf(current), 1);
    this.plans.push(plan);
    this.plan = plan;
    this.changed("plan");
    return plan;
  }

  deletePlan() {
    this.record();
    this.plans.splice(this.plans.indexOf(this.plan), 1);
    for (const course of this.courses) course.meetings = course.meetings.filter((meeting) => meeting.plan !== this.plan.id);
    if (!this.plans.length) this.plans.push({ id: newId(), ...newPlan() });
    this.plan = this.plans[0];
    this.changed("plan");
  }

  // ---------------------------------------------------------------- series of meetings

  planById(id) {
    return this.plans.find((plan) => plan.id === id) ?? null;
  }

  // A new series and its meetings' plans; the first meeting is shown.
  createCourse(settings, process) {
    this.record();
    const { course, plans } = draftCourse(settings, process, this.index, this.vocabulary);
    return this.addCourse(course, plans);
  }

  // A series from a link, copied into the reader's own.
  importCourse(course, plans) {
    this.record();
    return this.addCourse(course, plans);
  }

  addCourse(course, plans) {
    const current = this.plan;
    if (isUntouched(current)) this.plans.splice(this.plans.indexOf(current), 1);
    const withIds = plans.map((plan) => ({ ...plan, id: newId() }));
    this.plans.push(...withIds);
    this.course = { ...course, id: newId(), meetings: withIds.map((plan, position) => ({ plan: plan.id, held: course.meetings[position]?.held ?? false })) };
    this.courses.push(this.course);
    this.plan = withIds[0] ?? this.plans[0] ?? this.addEmpty();
    this.changed("plan", { course: true });
    return this.course;
  }

  addEmpty() {
    const plan = { id: newId(), ...newPlan() };
    this.plans.push(plan);
    return plan;
  }

  selectCourse(id) {
    this.history.breakMerge();
    this.course = this.courses.find((course) => course.id === id) ?? null;
    this.changed("values", { course: true });
  }

  deleteCourse() {
    if (!this.course) return;
    this.record();
    this.courses.splice(this.courses.indexOf(this.course), 1);
    this.course = null;
    this.changed("values", { course: true });
  }

  setMeeting(position, key, value) {
    const meeting = this.course.meetings[position];
    const plan = this.planById(meeting.plan);
    if (key === "held") {
      this.record();
      meeting.held = value;
    } else if (plan) {
      this.record(`${plan.id}:date`);
      plan.date = value;
    }
    // The shown plan's own date field follows the series' table.
    this.changed(plan === this.plan && key === "date" ? "plan" : "values", { course: true });
  }

  allowRepeat(methodId) {
    this.record();
    this.course.repeats = [...this.course.repeats, methodId].sort();
    this.changed("values", { course: true });
  }

  // An added meeting gets a date one cadence step after the last one.
  addMeeting() {
    this.record();
    const last = this.planById(this.course.meetings[this.course.meetings.length - 1]?.plan);
    const date = last?.date ? meetingDates(last.date, this.course.cadence, 2)[1] : "";
    const plan = { ...newPlan({ name: `${this.course.meetings.length + 1}. tapaaminen` }), group: this.course.group, group_size: this.course.group_size, mode: this.course.mode, start: this.course.start, date, id: newId() };
    this.plans.push(plan);
    this.course.meetings.push({ plan: plan.id, held: false });
    this.changed("plan", { course: true });
  }
}

function isUntouched(plan) {
  const { id, ...fields } = plan;
  return JSON.stringify(fields) === JSON.stringify(newPlan());
}

export function checkIndex(index) {
  if (!index || index.version !== INDEX_VERSION || !Array.isArray(index.methods) || !Array.isArray(index.sessions)) {
    throw new Error(`suunnittelijan tiedot ovat eri versiota (${index?.version}) kuin sivu odottaa (${INDEX_VERSION})`);
  }
  adoptShared(index.shared);
  return index;
}
