// The registry of `npm run bench` cases. Other issues add theirs here (sources, engine, …): a case is a
// name and a run() answering named numbers or strings, printed as one table row.
import { intercomClientUnderRateLimit } from './intercom-client-rate.js';
import { engineCases } from './engine.js';
import { sourceCases } from './sources.js';
import { sourceLatencyCases } from './sources-latency.js';
import { workersCase } from './workers.js';
import { intercomLatencyCases } from './intercom-latency.js';
import { liveLatencyCase } from './live.js';
import { scaleCase } from './scale.js';

export interface BenchCase {
  name: string;
  run(): Promise<Record<string, number | string>>;
}

export const cases: BenchCase[] = [
  intercomClientUnderRateLimit,
  ...sourceCases,
  ...sourceLatencyCases,
  ...engineCases,
  ...intercomLatencyCases,
  workersCase,
  liveLatencyCase,
  scaleCase,
];
