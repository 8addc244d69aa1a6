import type { Doc, StageName } from '../document.js';

/** A pipeline stage: recognizers then refiners over the shared working document. */
export interface Stage {
  name: StageName;
  run(doc: Doc): void;
}
