import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is one static build that runs both inside Electron (file://) and in a
// browser served by `neuroops serve`; relative asset URLs make that possible.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: true,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:5001' },
  },
});
