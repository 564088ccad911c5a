// `npm run bench [-- <filter>]`: runs the registered cases (bench/cases.ts) whose name contains the
// filter (or one of its |-separated parts), and prints one table row per case.
import { cases } from './cases.js';

// "a|b" runs the cases matching either: one command measures a whole table in one run.
const filter = process.argv.slice(2).join(' ').toLowerCase();
const filters = filter.split('|').map((f) => f.trim());
const selected = cases.filter((c) => filters.some((f) => c.name.toLowerCase().includes(f)));
if (selected.length === 0) {
  console.error(`No bench case matches "${filter}". Cases:\n${cases.map((c) => `  ${c.name}`).join('\n')}`);
  process.exit(1);
}

const rows: Array<Record<string, number | string>> = [];
for (const c of selected) {
  console.error(`running: ${c.name}`);
  try {
    rows.push({ case: c.name, ...(await c.run()) });
  } catch (err) {
    rows.push({ case: c.name, error: err instanceof Error ? err.message : String(err) });
    process.exitCode = 1;
  }
}
for (const row of rows) {
  console.log(`\n${String(row.case)}`);
  const entries = Object.entries(row).filter(([k]) => k !== 'case');
  const width = Math.max(...entries.map(([k]) => k.length));
  for (const [k, v] of entries) console.log(`  ${k.padEnd(width)}  ${String(v)}`);
}
