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
    ssr: 'main/shell/main.ts',
    outDir: 'dist/electron',
    emptyOutDir: false,
    target: 'node22',
    sourcemap: true,
    rollupOptions: {
      external,
      output: { format: 'es', entryFileNames: 'main.js' },
    },
  },
  ssr: { noExternal: true },
});
