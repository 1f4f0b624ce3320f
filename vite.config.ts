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
  // No source maps: they are the app's source, and the browser host would serve them to anyone
  // (issue 22). DAOYI_SOURCEMAP=1 makes a debugging build with them.
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: process.env.DAOYI_SOURCEMAP === '1', chunkSizeWarningLimit: 800 },
});
