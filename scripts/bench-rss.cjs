// Preloaded into benchmarked processes: record peak RSS (KiB) at exit.
const { writeFileSync } = require('node:fs');
const file = process.env.STUDIO_BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
