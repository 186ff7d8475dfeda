/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// Everything is bundled into dist/ (no CDN, no web fonts): the app must work offline.
export default defineConfig({
  plugins: [vue()],
  clearScreen: false,
  base: './',
  server: { port: 5173, strictPort: true },
  build: {
    target: 'safari15',
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    // Inline assets would need data: in more CSP directives; keep them as files.
    assetsInlineLimit: 0,
  },
  test: {
    environment: 'jsdom',
    include: ['tests/**/*.test.ts'],
  },
})
