// Lint is an architecture guard (GUIDE §15): strict typescript-eslint, import direction, no cycles.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

// Layers, lowest first. A layer may import from itself and from the layers listed before it.
// model → codes, x12 → rules → billing → store → transport → server, cli
const layers = {
  model: [],
  codes: ['model'],
  x12: ['model'],
  rules: ['model', 'codes', 'x12'],
  billing: ['model', 'codes', 'x12', 'rules'],
  store: ['model', 'codes', 'x12', 'rules', 'billing'],
  transport: ['model', 'x12', 'billing', 'store'],
};
const all = ['model', 'codes', 'x12', 'rules', 'billing', 'store', 'transport', 'server', 'cli'];
const zones = Object.entries(layers).map(([layer, allowed]) => ({
  target: `./src/${layer}`,
  from: all.filter((l) => l !== layer && !allowed.includes(l)).map((l) => `./src/${l}`),
  message: `src/${layer} may only import from: ${[layer, ...allowed].join(', ')} (see ARCHITECTURE.md).`,
}));

// Core logic is pure: no storage drivers, servers or network in these layers.
const coreNoIo = {
  paths: ['better-sqlite3', 'pg', 'kysely', 'fastify', 'ssh2-sftp-client', 'ssh2'].map((name) => ({
    name,
    message: 'Core logic stays free of storage and transport; put this in src/store, src/transport or src/server.',
  })),
  patterns: [
    { group: ['node:net', 'node:http', 'node:https', 'node:child_process'], message: 'No network or processes in core logic.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'test/fixtures/**', 'bench/out/**', 'coverage/**'] },
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'bin/*.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': ['error', { maxDepth: 10 }],
      'import-x/no-restricted-paths': ['error', { zones }],
    },
  },
  {
    files: ['src/model/**', 'src/codes/**', 'src/x12/**', 'src/rules/**', 'src/billing/**'],
    rules: { 'no-restricted-imports': ['error', coreNoIo] },
  },
  {
    files: ['**/*.test.ts', 'test/**', 'bench/**', 'scripts/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      'no-restricted-imports': 'off',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
