/** Stage `time`: date expressions → TIMEX3 values with precision, anchored on the publication date. */
import type { Doc } from '../../document.js';
import type { Stage } from '../types.js';

export const timeStage: Stage = {
  name: 'time',
  run(_doc: Doc): void {
    // not implemented yet
  },
};
