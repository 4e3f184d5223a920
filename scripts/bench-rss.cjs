// Preloaded into benchmarked processes: record peak RSS (KiB) and CPU time (user + system, µs) at exit.
const { writeFileSync } = require('node:fs');
const file = process.env.STUDIO_BENCH_RSS_FILE;
if (file)
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, `${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}`);
  });
