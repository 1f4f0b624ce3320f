import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// The renderer is one static bundle served two ways: from the app:// protocol in Electron and
// by the browser host on 127.0.0.1. Relative asset paths make both work.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react(), tailwindcss()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true },
});
