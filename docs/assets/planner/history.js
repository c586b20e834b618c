// Undo and redo: snapshots of the planner's whole state (plans, series, which is shown) taken before each
// change. Typing into one field is one step, not one per key: a change with the same `mergeKey` as the
// one before it joins that step. Snapshots are JSON text made here, so restoring one is not untrusted input.

export const HISTORY_LIMIT = 100;

export class History {
  constructor(limit = HISTORY_LIMIT) {
    this.limit = limit;
    this.undoStack = [];
    this.redoStack = [];
    this.lastKey = null;
  }

  // Call before a change with the state as it is now. A null key never joins the step before it.
  record(snapshot, mergeKey = null) {
    if (mergeKey !== null && mergeKey === this.lastKey && this.undoStack.length) return;
    this.undoStack.push(snapshot);
    if (this.undoStack.length > this.limit) this.undoStack.shift();
    this.redoStack = [];
    this.lastKey = mergeKey;
  }

  get canUndo() {
    return this.undoStack.length > 0;
  }

  get canRedo() {
    return this.redoStack.length > 0;
  }

  // The snapshot to restore, given the state as it is now; null when there is nothing to undo.
  undo(current) {
    if (!this.undoStack.length) return null;
    this.redoStack.push(current);
    this.lastKey = null;
    return this.undoStack.pop();
  }

  redo(current) {
    if (!this.redoStack.length) return null;
    this.undoStack.push(current);
    this.lastKey = null;
    return this.redoStack.pop();
  }

  // A step that only moved between plans changes nothing to undo; forget the merge so typing starts anew.
  breakMerge() {
    this.lastKey = null;
  }
}
