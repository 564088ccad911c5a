// German must show German: every screen case is rendered in English and in German (the translator is forced
// to each language, whatever the case's state says), and a German screen may show a string that also
// appears on its English twin only when it is the same in both languages (a name, a number, a brand).
// A string written into a screen without going through the message tables, or a German text copied from
// English, fails here.
import { describe, expect, it, vi } from 'vitest';
import type { CanvasResponse } from '../../canvas/canvas.js';
import { text } from '../../canvas/components.js';
import { MESSAGES, type Locale } from '../../canvas/i18n/index.js';
import { screenCases } from './screen-cases.js';

const forced = vi.hoisted(() => ({ locale: undefined as 'en' | 'de' | undefined }));
vi.mock('../../canvas/i18n/index.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../canvas/i18n/index.js')>();
  return {
    ...actual,
    translator: (locale?: Locale, zone?: string | null) => actual.translator(forced.locale ?? locale, zone),
  };
});

/** Messages that read the same in German (checked by a person, listed here on purpose). */
const SAME_IN_GERMAN = [
  'app.name',
  'platform.zendesk',
  'platform.freshdesk',
  'entity.tickets',
  'step.demo',
  'run.demo',
  'run.delta',
  'run.line',
  'connect.subdomain',
  'options.tag_name',
  'demo.title',
  'full.write_as',
] as const;

/** The cases' own data (names, accounts, vendors' and the engine's words) and self-named languages. */
const DATA = new Set([
  'English',
  'Deutsch',
  'Zendesk migration',
  'Zendesk (acme)',
  'acme',
  'acme.zendesk.com',
  'Ada Admin',
  'migrated-from-zendesk',
  'Freshdesk rejected the API key',
  'Paused by an operator',
  'Intercom refused the token (401): reinstall Ferry.',
]);

type Node = Record<string, unknown>;
const VISIBLE = ['text', 'label', 'placeholder', 'title', 'subtitle', 'tertiary_text', 'field'];

/** Every string a teammate reads on the canvas (data-table values included; input values are data). */
export function visibleStrings(response: CanvasResponse): string[] {
  const out: string[] = [];
  const walk = (node: unknown, parentType?: string) => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, parentType));
    if (typeof node !== 'object' || node === null) return;
    const n = node as Node;
    for (const key of VISIBLE) if (typeof n[key] === 'string') out.push(n[key]);
    if (n.type === 'field-value' && typeof n.value === 'string') out.push(n.value);
    for (const [k, v] of Object.entries(n)) if (typeof v === 'object') walk(v, String(n.type ?? k));
  };
  walk(response.canvas.content.components);
  return out;
}

const plain = (s: string) =>
  s
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*/g, '')
    .trim();
const sameInGerman = new Set(SAME_IN_GERMAN.map((k) => MESSAGES.en[k]));
const neutral = (s: string) => !/\p{L}{2,}/u.test(s) || sameInGerman.has(s) || DATA.has(s);

/** Strings of the German render that its English twin shows too and that are not the same in German. */
export function untranslated(german: CanvasResponse, english: CanvasResponse): string[] {
  const en = new Set(visibleStrings(english).map(plain));
  return visibleStrings(german)
    .map(plain)
    .filter((s) => en.has(s) && !neutral(s));
}

function render(locale: 'en' | 'de', fn: () => CanvasResponse): CanvasResponse {
  forced.locale = locale;
  try {
    return fn();
  } finally {
    forced.locale = undefined;
  }
}

describe('German screens', () => {
  it.each(screenCases)('when %s is shown in German, then every string has German text', (_name, fn) => {
    expect(untranslated(render('de', fn), render('en', fn))).toEqual([]);
  });

  it('when an English case is forced to German, then it is drawn in German (the forcing works)', () => {
    const [, home] = screenCases.find(([name]) => name === 'home-no-migration')!;
    expect(visibleStrings(render('de', home))).toContain(MESSAGES.de['home.start']);
    expect(visibleStrings(render('en', home))).toContain(MESSAGES.en['home.start']);
  });

  it('when a screen carries an English string that is not in the tables, then the check names it', () => {
    const screen = (extra: string) => ({ canvas: { content: { components: [text(extra)] } } });
    expect(untranslated(screen('Press Refresh'), screen('Press Refresh'))).toEqual(['Press Refresh']);
    expect(untranslated(screen('Aktualisieren'), screen('Refresh'))).toEqual([]);
  });

  it('when a German message equals its English one, then it is one of those that read the same', () => {
    const de: Record<string, string> = MESSAGES.de;
    const copied = Object.entries(MESSAGES.en)
      .filter(([k, v]) => de[k] === v)
      .map(([k]) => k);
    expect(copied.sort()).toEqual([...SAME_IN_GERMAN].sort());
  });
});
