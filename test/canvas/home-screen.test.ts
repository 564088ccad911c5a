import { describe, expect, it } from 'vitest';
import { FIRST_CANVAS_MAX_PX } from '../../canvas/limits.js';
import { canvasHeight, heightOf, wrappedLines } from '../../canvas/height.js';
import { homeScreen } from '../../canvas/screens/home.js';
import { notInstalledScreen } from '../../canvas/screens/not-installed.js';
import { button, spacer, submitAction, text } from '../../canvas/components.js';
import { validateSchema } from '../../src/sandbox/openapi/index.js';

describe('home screen', () => {
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
