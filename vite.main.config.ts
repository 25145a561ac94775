import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

// Electron's main process as one ES module. Runtime dependencies (native modules among
// them) stay outside the bundle and ship in node_modules; everything else is bundled.
const external = [
  'electron',
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies),
];

export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist/electron',
    emptyOutDir: true,
    target: 'node22',
    sourcemap: true,
    rollupOptions: {
      external,
      // The executor's worker threads load their own entry, built beside main.js, and so
      // does the command line (bin/neuroops.mjs runs cli.js when it is up to date).
      input: {
        main: 'main/shell/main.ts',
        'executor-worker': 'main/services/executor/worker-entry.ts',
        'export-format-worker': 'pipelines/eeg/export/format-worker.ts',
        cli: 'main/cli/main.ts',
      },
      // Shared and lazily loaded chunks sit beside the entries too: code finds the worker
      // and the project root relative to its own file.
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
  ssr: { noExternal: true },
});
