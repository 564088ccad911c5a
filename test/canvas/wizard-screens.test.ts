import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canvasHeight } from '../../canvas/height.js';
import { FIRST_CANVAS_MAX_PX } from '../../canvas/limits.js';
import { validateSchema } from '../../src/sandbox/openapi/index.js';
import { screenCases } from './screen-cases.js';

const goldenPath = (name: string) =>
  fileURLToPath(new URL(`../../canvas/__golden__/${name}.json`, import.meta.url));

// Each golden file holds the exact JSON a state renders to. UPDATE_GOLDEN=1 rewrites them after a deliberate change.
describe('wizard screens', () => {
  it.each(screenCases)(
    'when %s is rendered, then it matches its golden JSON and validates against 2.11',
    (name, render) => {
      const response = render();
      if (process.env.UPDATE_GOLDEN || !existsSync(goldenPath(name)))
        writeFileSync(goldenPath(name), `${JSON.stringify(response, null, 2)}\n`);
      expect(response).toEqual(JSON.parse(readFileSync(goldenPath(name), 'utf8')));
      expect(validateSchema('2.11', 'initialize_response', response).errors).toEqual([]);
      expect(validateSchema('2.11', 'submit_response', response).errors).toEqual([]);
    },
  );

  it.each(screenCases.filter(([name]) => name.startsWith('home')))(
    'when %s (a first canvas) is rendered, then it stays within ~400 px',
    (_name, render) => {
      expect(canvasHeight(render().canvas.content.components)).toBeLessThanOrEqual(FIRST_CANVAS_MAX_PX);
    },
  );

  it('when any screen is rendered, then stored_data names the screen and nothing else', () => {
    for (const [, render] of screenCases) {
      expect(Object.keys(render().canvas.stored_data ?? {})).toEqual(['screen']);
    }
  });
});
