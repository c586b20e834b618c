// Runs the planner's JavaScript timing rules (docs/assets/planner/timing.js) over a cases file and
// prints every schedule as JSON, for tests/test_timing.py to compare with macros/timing.py.
//
//   node tests/js/run_timing_cases.mjs [cases.json]     (default: tests/timing_cases.json)
//
// The file holds {"methods": {id: index entry}, "messages"?: {code: text}, "shared": the index's shared
// values, "cases": [{"plan": …}]}; tests/test_timing.py adds "shared" to the cases file's content.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { adoptShared } from "../../docs/assets/planner/shared.js";
import { factsOf, messageOf, schedule } from "../../docs/assets/planner/timing.js";

const here = dirname(fileURLToPath(import.meta.url));
const path = process.argv[2] ?? join(here, "..", "timing_cases.json");
const input = JSON.parse(readFileSync(path, "utf-8"));
adoptShared(input.shared);
const facts = factsOf(Object.entries(input.methods).map(([id, entry]) => ({ id, ...entry })));

const results = input.cases.map(({ plan }) => {
  const result = schedule(plan, facts);
  const messages = input.messages ? result.warnings.map((warning) => messageOf(warning, input.messages)) : [];
  return { schedule: result, messages };
});
process.stdout.write(JSON.stringify(results));
