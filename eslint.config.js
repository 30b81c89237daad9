import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net', 'url', 'util', 'stream'].flatMap((m) => [m, `node:${m}`]);

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'db/migrations/', 'server/migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': 'allow-with-description', 'ts-expect-error': 'allow-with-description' }],
      'no-warning-comments': ['error', { terms: ['todo', 'fixme', 'xxx'], location: 'start' }],
    },
  },
  {
    // The core holds the business rules: plain Node, no Electron, no UI.
    files: ['electron/core/**', 'electron/api/**', 'electron/cli/**', 'electron/webhost/**', 'db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'electron/core, api, cli, webhost and db run without Electron; inject what you need.' },
            { name: 'react', message: 'UI code belongs in renderer/.' },
          ],
        },
      ],
    },
  },
  {
    // The report template is a React tree rendered to static HTML in plain Node (no DOM, no Electron).
    files: ['electron/core/reports/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'electron/core runs without Electron; inject what you need.' }] },
      ],
    },
  },
  {
    // The renderer talks only through the typed client: no Node, no database, no core.
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'electron',
            'better-sqlite3',
            ...nodeBuiltins.map((name) => ({ name, message: 'The renderer has no Node access; call the API.' })),
          ],
          patterns: [
            { group: ['**/electron/core/**', '**/db/**', '**/electron/webhost/**', '**/electron/cli/**'], message: 'The renderer talks only through the API client.' },
          ],
        },
      ],
    },
  },
);
