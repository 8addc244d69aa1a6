/** Stage `coref`: he / she / they / the spokesperson / surname → the right earlier actor (adds mentions). */
import type { Doc } from '../../document.js';
import type { Stage } from '../types.js';

export const corefStage: Stage = {
  name: 'coref',
  run(_doc: Doc): void {
    // not implemented yet
  },
};
