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
    emptyOutDir: false,
    target: 'node22',
    sourcemap: true,
    rollupOptions: {
      external,
      // The executor's worker threads load their own entry, built beside main.js.
      input: { main: 'main/shell/main.ts', 'executor-worker': 'main/services/executor/worker-entry.ts' },
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
  ssr: { noExternal: true },
});
