/** Debian's Chromium, with the flags that keep it off the closed network (docs/web.md). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  // the browser's own language (native date fields are formatted in it), as a Chinese desk has it
  '--lang=zh-CN',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
