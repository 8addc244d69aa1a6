/** Stage `events`: who did what to whom: CAMEO code, modality, date, place, evidence. */
import type { Doc } from '../../document.js';
import type { Stage } from '../types.js';

export const eventsStage: Stage = {
  name: 'events',
  run(_doc: Doc): void {
    // not implemented yet
  },
};
