// ESLint (flat config) with typescript-eslint: npm run lint. Formatting is Prettier's job, not ESLint's.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const NODE_GLOBALS = { console: "readonly", process: "readonly", Buffer: "readonly", require: "readonly", module: "writable", __dirname: "readonly" };

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "data/", "coverage/", "tests/fixtures/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: NODE_GLOBALS,
      // type-graphql reads parameter types from decorator metadata, so imports used in decorated
      // signatures must stay value imports: consistent-type-imports needs to know.
      parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true },
    },
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // A leading underscore marks a parameter a signature needs but the body does not (as tsc's noUnusedParameters).
      // The regexes that name control characters do it on purpose: to refuse or blank them in input.
      "no-control-regex": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
    },
  },
  {
    // The launcher and tool configs are CommonJS files run by node as they are.
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The /explore page's script runs in the browser (a classic script beside uPlot's, not a module).
    files: ["src/http/explore/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: {
        window: "readonly",
        document: "readonly",
        fetch: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        URLSearchParams: "readonly",
        URL: "readonly",
        uPlot: "readonly",
      },
    },
  },
  {
    // Tests read GraphQL responses, untyped JSON, field by field; typing every shape would add nothing.
    files: ["tests/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
