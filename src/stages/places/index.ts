/** Stage `places`: toponyms → gazetteer entries → lat/lon, country. */
import type { Doc } from '../../document.js';
import type { Stage } from '../types.js';

export const placesStage: Stage = {
  name: 'places',
  run(_doc: Doc): void {
    // not implemented yet
  },
};
