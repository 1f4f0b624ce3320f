import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// The renderer is one static bundle served two ways: from the app:// protocol in Electron and
// by the browser host on 127.0.0.1. Relative asset paths make both work.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react(), tailwindcss()],
  // Files load from the disk (app://) or from 127.0.0.1, never over a slow network: a chunk of
  // under 800 kB is fine. Head office's charts are their own chunk (Shell.tsx loads them lazily).
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 800 },
});
