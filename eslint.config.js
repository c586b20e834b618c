// ESLint for the planner's ES modules (docs/assets/planner/*.js) and the Node runners of tests/js/.
// Run by .ci/run (through scripts/lint.sh) before the tests; `npx eslint docs/assets/planner` by hand.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["docs/assets/planner/*.js"],
    languageOptions: { ecmaVersion: 2024, sourceType: "module", globals: globals.browser },
  },
  {
    files: ["tests/js/*.mjs"],
    languageOptions: { ecmaVersion: 2024, sourceType: "module", globals: globals.node },
  },
  {
    rules: {
      // `const { id, ...fields } = plan` is how the modules leave a key out of a copy.
      "no-unused-vars": ["error", { ignoreRestSiblings: true }],
      eqeqeq: ["error", "always"],
      "no-var": "error",
      "prefer-const": "error",
    },
  },
];
