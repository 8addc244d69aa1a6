/** Stage `quotes`: direct, partial and indirect quotes → speaker, cue verb, medium. */
import type { Doc } from '../../document.js';
import type { Stage } from '../types.js';

export const quotesStage: Stage = {
  name: 'quotes',
  run(_doc: Doc): void {
    // not implemented yet
  },
};
