import { describe, expect, it } from 'vitest';
import { translator } from '../../canvas/i18n/index.js';
import { resultsOf, totalText, type EntityCount } from '../../canvas/screens/index.js';

const tickets = (available: number | null, total: number, deletedInSource: number): EntityCount => ({
  entity: 'tickets',
  available,
  total,
  migrated: total - deletedInSource,
  failed: 0,
  skipped: deletedInSource,
  deletedInSource,
});

describe('a run’s total against what the source holds', () => {
  it('when nothing was deleted in the source, then the total reads against available as before', () => {
    expect(totalText(translator('en'), tickets(59, 20, 0))).toBe('Total 20 of 59 available');
    expect(totalText(translator('en'), tickets(null, 20, 0))).toBe('Total 20');
  });

  it(
    'when Zendesk’s incremental export reported a ticket deleted in the source, then the total names it ' +
      'instead of reading "60 of 59 available"',
    () => {
      // The deleted ticket is skipped and counts in total; the connector's available count excludes it.
      expect(totalText(translator('en'), tickets(59, 60, 1))).toBe(
        'Total 60: 59 of 59 available + 1 deleted in the source',
      );
      expect(totalText(translator('de'), tickets(1204, 1205, 1))).toBe(
        'Gesamt 1.205: 1.204 von 1.204 verfügbaren + 1 in der Quelle gelöscht',
      );
    },
  );

  it('when a delta took a few changed tickets and a deletion in hand, then the split still adds up', () => {
    expect(totalText(translator('en'), tickets(59, 6, 2))).toBe(
      'Total 6: 4 of 59 available + 2 deleted in the source',
    );
  });

  it('when the source could not count the entity, then the deletion is still named', () => {
    expect(totalText(translator('en'), tickets(null, 60, 1))).toBe('Total 60: 59 + 1 deleted in the source');
    expect(totalText(translator('de'), tickets(null, 60, 1))).toBe(
      'Gesamt 60: 59 + 1 in der Quelle gelöscht',
    );
  });
});

describe('records migrated with losses on the results', () => {
  it('when tickets arrived with values left off, then the outcome line counts them and "0 failed · 0 skipped" hides nothing', () => {
    const count: EntityCount = { ...tickets(59, 59, 0), migratedWithLosses: 45 };
    const run = { id: 'r', kind: 'full' as const, status: 'completed' as const, counts: [count] };
    const json = JSON.stringify(resultsOf(translator('en'), run));
    expect(json).toContain('59 migrated (45 with losses) · 0 failed · 0 skipped');
    expect(JSON.stringify(resultsOf(translator('de'), run))).toContain('45 mit Verlusten');
  });
});
