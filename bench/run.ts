import { benchColdStart } from './cold-start';
import { benchHistory } from './history';
import { benchLimiter } from './limiter';
import { benchOrchestration } from './orchestration';

/** `npm run bench`: prints one JSON document. Never part of `npm test`. */
const results = {
  machine: { node: process.version, platform: `${process.platform}/${process.arch}` },
  orchestration: await benchOrchestration(),
  history: await benchHistory(),
  limiter: await benchLimiter(),
  coldStart: await benchColdStart()
};
console.log(JSON.stringify(results, null, 2));
process.exit(0);
