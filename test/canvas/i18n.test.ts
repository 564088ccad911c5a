import { describe, expect, it } from 'vitest';
import { LOCALES, MESSAGES, paramsOf, parseLocale, translator } from '../../canvas/i18n/index.js';
import { screenCases } from './screen-cases.js';

const english = MESSAGES.en;
const keys = Object.keys(english);
/** Keys of the English table that `table` lacks, plus keys it has that English does not. */
const gaps = (table: Record<string, string>) => [
  ...keys.filter((k) => !(k in table)),
  ...Object.keys(table).filter((k) => !(k in english)),
];

describe('canvas strings', () => {
  it.each(LOCALES)('when the %s table is read, then it has every key and no other, none empty', (locale) => {
    const table: Record<string, string> = MESSAGES[locale];
    expect(gaps(table)).toEqual([]);
    expect(Object.entries(table).filter(([, v]) => v.trim() === '')).toEqual([]);
  });

  it('when a message takes parameters, then both languages take exactly the same ones', () => {
    const mismatched = keys.filter(
      (k) =>
        paramsOf(MESSAGES.de[k as keyof typeof english]).join() !==
        paramsOf(english[k as keyof typeof english]).join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('when a key lacks its German text, then the completeness check fails', () => {
    const { 'home.start': _dropped, ...partial } = MESSAGES.de;
    expect(gaps(partial)).toEqual(['home.start']);
  });

  it('when a locale is unknown or absent, then English is used; de-AT reads German', () => {
    expect(parseLocale(undefined)).toBe('en');
    expect(parseLocale('fr')).toBe('en');
    expect(parseLocale('de-AT')).toBe('de');
    expect(translator(parseLocale('DE')).t('home.start')).toBe('Starten');
  });

  it('when numbers and parameters are filled in, then they follow the locale', () => {
    expect(translator('en').t('count.progress', { done: 1204, total: 5120 })).toBe('1,204 of 5,120');
    expect(translator('de').t('count.progress', { done: 1204, total: 5120 })).toBe('1.204 von 5.120');
  });

  it('when any screen is rendered, then no {parameter} is left unfilled', () => {
    for (const [name, render] of screenCases) {
      expect({ name, json: JSON.stringify(render()) }).not.toMatchObject({
        json: expect.stringMatching(/\{[a-z]+\}/),
      });
    }
  });
});

describe('dates in the workspace time zone', () => {
  const lateEvening = new Date('2026-12-09T23:30:00Z');
  it('when the workspace time zone is known, then a date falls on its day there, in the locale, without a zone note', () => {
    expect(translator('de', 'Europe/Berlin').date(lateEvening)).toBe('10.12.2026');
    expect(translator('en', 'America/Los_Angeles').date(lateEvening)).toBe('Dec 9, 2026');
  });

  it('when the zone is unknown or not a zone, then the date is UTC and says so; never an ISO string', () => {
    expect(translator('en').date(lateEvening)).toBe('Dec 9, 2026 (UTC)');
    expect(translator('de', 'Mars/Olympus').date(lateEvening)).toBe('09.12.2026 (UTC)');
  });
});
