// Shown when a signed canvas request names a workspace Ferry is not installed on (never installed through
// OAuth, or uninstalled since): nothing to read, nothing to change.
import { canvasResponse, type CanvasResponse } from '../canvas.js';
import { text } from '../components.js';

export function notInstalledScreen(): CanvasResponse<never> {
  return canvasResponse<never>([
    text('Ferry', { style: 'header' }),
    text(
      'Ferry is not installed on this workspace. An admin can install it again from the Intercom App Store.',
    ),
  ]);
}
