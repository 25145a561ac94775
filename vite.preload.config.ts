import { defineConfig } from 'vite';

// A sandboxed preload cannot load ES modules or anything but `electron`: one CommonJS file.
export default defineConfig({
  build: {
    ssr: 'preload/index.ts',
    outDir: 'dist/electron',
    emptyOutDir: false,
    target: 'node22',
    sourcemap: true,
    rollupOptions: {
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: 'preload.cjs' },
    },
  },
  ssr: { noExternal: true },
});
