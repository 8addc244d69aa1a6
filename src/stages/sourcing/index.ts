/** Stage `sourcing`: wire agencies and outlet credited in the text → doc.meta.wire, doc.meta.outlet. */
import type { Doc } from '../../document.js';
import type { Stage } from '../types.js';

export const sourcingStage: Stage = {
  name: 'sourcing',
  run(_doc: Doc): void {
    // not implemented yet
  },
};
