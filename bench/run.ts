import { benchColdStart } from './cold-start';
import { benchHistory } from './history';
import { benchOrchestration } from './orchestration';

/** `npm run bench`: prints one JSON document. Never part of `npm test`. */
const results = {
  machine: { node: process.version, platform: `${process.platform}/${process.arch}` },
  orchestration: await benchOrchestration(),
  history: await benchHistory(),
  coldStart: await benchColdStart()
};
console.log(JSON.stringify(results, null, 2));
process.exit(0);
