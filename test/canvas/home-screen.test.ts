import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIRST_CANVAS_MAX_PX } from '../../canvas/limits.js';
import { canvasHeight, heightOf, wrappedLines } from '../../canvas/height.js';
import { homeScreen, type HomeState } from '../../canvas/screens/home.js';
import { notInstalledScreen } from '../../canvas/screens/not-installed.js';
import { button, spacer, submitAction, text } from '../../canvas/components.js';
import { validateSchema } from '../../src/sandbox/openapi/index.js';

const draft = { name: 'Zendesk migration', platform: 'zendesk', account: 'acme', status: 'draft' } as const;

// Each golden file holds the exact JSON a state renders to. UPDATE_GOLDEN=1 rewrites them after a deliberate change.
const cases: [file: string, state: HomeState][] = [
  ['home-no-migration.json', { readOnly: false, migration: null }],
  ['home-no-migration-read-only.json', { readOnly: true, migration: null }],
  ['home-draft.json', { readOnly: false, migration: draft }],
  [
    'home-demo-running-read-only.json',
    {
      readOnly: true,
      migration: {
        ...draft,
        status: 'running',
        latestRun: {
          kind: 'demo',
          status: 'running',
          counts: { total: 20, migrated: 12, failed: 1, skipped: 0 },
        },
      },
    },
  ],
  [
    'home-paused.json',
    {
      readOnly: false,
      notice: { text: 'Choose Zendesk or Freshdesk to start.', error: true },
      migration: {
        ...draft,
        status: 'paused',
        latestRun: {
          kind: 'full',
          status: 'paused',
          reason: 'Intercom refused the token (401): reinstall Ferry.',
          counts: { total: 5000, migrated: 4200, failed: 3, skipped: 12 },
        },
      },
    },
  ],
];

const goldenPath = (file: string) =>
  fileURLToPath(new URL(`../../canvas/__golden__/${file}`, import.meta.url));

describe('home screen', () => {
  it.each(cases)(
    'when rendered for %s, then it matches the golden JSON and validates against 2.11',
    (file, state) => {
      const response = homeScreen(state);
      if (process.env.UPDATE_GOLDEN)
        writeFileSync(goldenPath(file), `${JSON.stringify(response, null, 2)}\n`);
      expect(response).toEqual(JSON.parse(readFileSync(goldenPath(file), 'utf8')));
      expect(validateSchema('2.11', 'initialize_response', response).errors).toEqual([]);
      expect(validateSchema('2.11', 'submit_response', response).errors).toEqual([]);
    },
  );

  it.each(cases)('when rendered for %s, then the first canvas stays within ~400 px', (_file, state) => {
    expect(canvasHeight(homeScreen(state).canvas.content.components)).toBeLessThanOrEqual(
      FIRST_CANVAS_MAX_PX,
    );
  });

  it('when a teammate is read-only, then the canvas offers no Start, only Refresh', () => {
    const ids = homeScreen({ readOnly: true, migration: null }).canvas.content.components.map((c) =>
      'id' in c ? c.id : undefined,
    );
    expect(ids).not.toContain('start');
    expect(ids).toContain('refresh');
  });

  it('when Ferry is not installed, then the canvas says so and validates', () => {
    expect(validateSchema('2.11', 'initialize_response', notInstalledScreen()).errors).toEqual([]);
  });
});

describe('height budget', () => {
  it('when text wraps, then each ~42 characters make another 20 px line plus the 10 px margin', () => {
    expect(wrappedLines('a'.repeat(84), 42)).toBe(2);
    expect(heightOf(text('a'.repeat(84)))).toBe(50);
    expect(heightOf(text('short', { bottom_margin: 'none' }))).toBe(20);
  });

  it('when a canvas piles up components, then its estimate exceeds the first-canvas budget', () => {
    const tall = Array.from({ length: 9 }, (_, i) => button(`b${i}`, 'Go', submitAction()));
    expect(canvasHeight([...tall, spacer('xl')])).toBeGreaterThan(FIRST_CANVAS_MAX_PX);
  });
});
