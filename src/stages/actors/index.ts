/** Stage `actors`: countries, people, organisations, roles, compounds, anonymous sources → doc.actors, doc.mentions. */
import type { Doc } from '../../document.js';
import type { Stage } from '../types.js';

export const actorsStage: Stage = {
  name: 'actors',
  run(_doc: Doc): void {
    // not implemented yet
  },
};
