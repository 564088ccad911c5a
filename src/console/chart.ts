// The progress chart: records done (migrated + failed + skipped) over time, one line per entity, as a
// server-rendered SVG from the run's progress samples (no script needed).
import type { ProgressSample } from '../app/console/reports.js';
import { markup, type Html } from './html.js';
import { wordsOf, type Words } from './i18n.js';
import { entityName } from './pages/counters.js';

const W = 640;
const H = 240;
const PAD = { left: 48, right: 120, top: 12, bottom: 28 };
/** One colour per entity, the same on every chart (an entity that has not started yet moves no other). */
export const ENTITY_COLOURS: Record<string, string> = {
  companies: '#0057ff',
  contacts: '#00a36c',
  tickets: '#c2410c',
  comments: '#7c3aed',
  attachments: '#be123c',
  articles: '#0e7490',
};
const OTHER_COLOUR = '#555555';

const done = (c: { migrated: number; failed: number; skipped: number }) => c.migrated + c.failed + c.skipped;

export function progressChart(samples: ProgressSample[], w: Words = wordsOf('en')): Html {
  if (samples.length === 0) return markup`<p class="muted" id="chart-empty">${w.t('chart.empty')}</p>`;
  const entities = [...new Set(samples.flatMap((s) => Object.keys(s.counters)))].filter((e) =>
    samples.some((s) => done(s.counters[e] ?? { migrated: 0, failed: 0, skipped: 0 }) > 0),
  );
  const t0 = samples[0]!.at.getTime();
  const t1 = Math.max(samples[samples.length - 1]!.at.getTime(), t0 + 1000);
  const max = Math.max(
    1,
    ...samples.flatMap((s) =>
      entities.map((e) => done(s.counters[e] ?? { migrated: 0, failed: 0, skipped: 0 })),
    ),
  );
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - (v / max) * (H - PAD.top - PAD.bottom);
  const lines = entities.map((e, i) => {
    const points = samples
      .map(
        (s) =>
          `${x(s.at.getTime()).toFixed(1)},${y(done(s.counters[e] ?? { migrated: 0, failed: 0, skipped: 0 })).toFixed(1)}`,
      )
      .join(' ');
    const last = samples[samples.length - 1]!.counters[e];
    const colour = ENTITY_COLOURS[e] ?? OTHER_COLOUR;
    return markup`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points}"
        ><title>${entityName(w, e)}</title></polyline
      >
      <text x="${W - PAD.right + 8}" y="${PAD.top + 14 + i * 16}" fill="${colour}" font-size="12"
        >${entityName(w, e)}: ${last ? done(last) : 0}</text
      >`;
  });
  const seconds = Math.round((t1 - t0) / 1000);
  return markup`<figure class="chart">
    <svg
      id="progress-chart"
      role="img"
      aria-label="${w.t('chart.label')}"
      viewBox="0 0 ${W} ${H}"
      width="100%"
    >
      <line
        x1="${PAD.left}"
        y1="${H - PAD.bottom}"
        x2="${W - PAD.right}"
        y2="${H - PAD.bottom}"
        stroke="#999"
      />
      <line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}" stroke="#999" />
      <text x="${PAD.left - 6}" y="${PAD.top + 10}" text-anchor="end" font-size="11">${max}</text>
      <text x="${PAD.left - 6}" y="${H - PAD.bottom}" text-anchor="end" font-size="11">0</text>
      <text x="${W - PAD.right}" y="${H - 8}" text-anchor="end" font-size="11">${seconds} s</text>
      ${lines}
    </svg>
    <figcaption>${w.t('chart.caption')}</figcaption>
  </figure>`;
}
