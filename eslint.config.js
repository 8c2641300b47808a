// One lint config for every workspace. Rules that only guard style are left to Prettier (eslint-config-prettier
// comes last); what stays here are mistakes and the boundaries between the layers.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const FEATURES = './dashboard/src/features';
const features = readdirSync(new URL(FEATURES, import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

/** Which layer may import which (import-x/no-restricted-paths zones). */
const BOUNDARIES = [
  {
    target: './contracts',
    from: ['./backend', './dashboard', './test'],
    message: 'contracts is the shared domain: it imports no other workspace.',
  },
  {
    target: './dashboard',
    from: ['./backend', './test'],
    message: 'The dashboard talks to the backend over HTTP and sockets only.',
  },
  {
    target: './backend',
    from: './dashboard',
    message: 'The backend serves the built dashboard; it does not import it.',
  },
  // Shared code flows one way: components and lib → features → app.
  {
    target: ['./dashboard/src/components', './dashboard/src/lib'],
    from: ['./dashboard/src/features', './dashboard/src/app'],
    message: 'Shared dashboard code imports no feature and no app code.',
  },
  {
    target: FEATURES,
    from: './dashboard/src/app',
    message: 'Features are composed by the app, never the other way round.',
  },
  ...features.map((name) => ({
    target: `${FEATURES}/${name}`,
    from: FEATURES,
    except: [`./${name}`],
    message: 'Features import each other only through shared code (components/, lib/); compose them in app/.',
  })),
];

const SPECS = ['**/*.spec.ts', '**/*.contract.ts', 'contracts/src/testing/**'];

export default defineConfig(
  { ignores: ['**/dist/', '**/node_modules/', 'test/artifacts/', 'data/'] },

  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: globals.node },
    plugins: { 'import-x': importX },
    settings: {
      // import-x parses the files an import leads to (for no-cycle) with these, and resolves with the resolver below.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      // Resolves `./x.js` to `./x.ts` (NodeNext) and the dashboard's `@tallyroom/contracts` path alias.
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: {
      // Packages from node_modules cannot close a cycle through our code; not walking them halves the lint time.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'import-x/no-restricted-paths': ['error', { zones: BOUNDARIES }],
    },
  },

  {
    files: ['backend/src/**'],
    ignores: SPECS,
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...BOUNDARIES,
            {
              target: './backend/src',
              from: './test',
              message: 'Production code never imports the test suites or their helpers.',
            },
          ],
        },
      ],
    },
  },

  {
    // The domain runs in Node and in the browser: no Node built-ins, no framework, only the libraries it is built on.
    files: ['contracts/src/**'],
    ignores: SPECS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.{1,2}/|zod$|cnchar$|cnchar-order$|@noble/hashes/|fast-json-patch$|fast-deep-equal$)',
              message:
                'contracts uses only zod, cnchar, @noble/hashes, fast-json-patch (the live patches) and fast-deep-equal (the board patches); anything else belongs in backend or dashboard.',
            },
          ],
        },
      ],
    },
  },

  {
    files: ['dashboard/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.flat.recommended.rules,
  },

  prettier,
);
