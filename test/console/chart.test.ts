import { describe, expect, it } from 'vitest';
import { ENTITY_COLOURS, progressChart } from '../../src/console/chart.js';

const sample = (at: number, counters: Record<string, number>) => ({
  at: new Date(at),
  counters: Object.fromEntries(
    Object.entries(counters).map(([e, n]) => [
      e,
      {
        available: null,
        total: n,
        migrated: n,
        migratedWithLosses: 0,
        failed: 0,
        skipped: 0,
        deletedInSource: 0,
      },
    ]),
  ),
});

describe('progress chart', () => {
  it('when an entity has not started yet, then the others keep their colours', () => {
    const early = progressChart([sample(0, { tickets: 1 }), sample(1000, { tickets: 5 })]).value;
    const later = progressChart([
      sample(0, { companies: 3, tickets: 1 }),
      sample(1000, { companies: 4, tickets: 5 }),
    ]).value;
    const ticketsColour = (svg: string) =>
      /stroke="(#[0-9a-f]+)"[^>]*points="[^"]*"\s*><title>Tickets/.exec(svg)?.[1];
    expect(ticketsColour(early)).toBe(ENTITY_COLOURS.tickets);
    expect(ticketsColour(later)).toBe(ENTITY_COLOURS.tickets);
  });
});
