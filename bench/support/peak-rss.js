/* global process */
// Preloaded into a child process (`node -r ./bench/support/peak-rss.js …`): prints its peak RSS on
// exit, so a bench can measure a whole operator command (boot included) without external tools.
process.on('exit', () => {
  process.stderr.write(`\nPEAK_RSS_KB ${process.resourceUsage().maxRSS}\n`);
});
