// Preloaded into every benchmarked process (node --require): reports its peak resident set on exit.
// Linux's VmHWM belongs to this program's address space; ru_maxrss (resourceUsage) would carry the
// parent's peak across fork + exec.
const { readFileSync, writeSync } = require('node:fs');

process.on('exit', () => {
  let kb = process.resourceUsage().maxRSS;
  try {
    kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))[1]);
  } catch {
    // not Linux: resourceUsage's figure
  }
  writeSync(2, `\npeak-rss-kb=${kb}\n`);
});
