/** The place of one event: the place named in its own clause, not any place in the article. */
import type { Doc, EventPlace } from '../../document.js';
import type { ClauseRef } from '../time/attach.js';

export function eventPlace(_doc: Doc, _ref: ClauseRef): EventPlace | null {
  return null;
}
