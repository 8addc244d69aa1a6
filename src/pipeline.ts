/**
 * The pipeline: one ordered list of stages, each position with its reason. Frozen once created.
 * (Cross-article deduplication runs over the store, not per article: see src/dedupe.)
 */
import type { Stage } from './stages/types.js';
import { segmentStage } from './stages/segment/stage.js';
import { sourcingStage } from './stages/sourcing/index.js';
import { actorsStage } from './stages/actors/index.js';
import { corefStage } from './stages/coref/index.js';
import { timeStage } from './stages/time/index.js';
import { placesStage } from './stages/places/index.js';
import { quotesStage } from './stages/quotes/index.js';
import { eventsStage } from './stages/events/index.js';

export const STAGES: readonly { stage: Stage; reason: string }[] = Object.freeze([
  { stage: segmentStage, reason: 'every later stage works on sentences and tagged tokens' },
  { stage: sourcingStage, reason: 'wire credits ("As per AFP", "(Reuters) -") must be known before actors, so agencies are not coded as event actors' },
  { stage: actorsStage, reason: 'named and described actors are the anchors for coreference, quotes and events' },
  { stage: corefStage, reason: 'pronouns and role anaphors need the named actors found first' },
  { stage: timeStage, reason: 'dates are independent of actors; events and quotes need them' },
  { stage: placesStage, reason: 'needs actor mentions so metonymic capitals ("Moscow said") are not read as places' },
  { stage: quotesStage, reason: 'speakers are resolved through actors and coreference; events inside quotes are attributed' },
  { stage: eventsStage, reason: 'last: uses actors, coref, times, places and quotes' },
]);

export interface Pipeline {
  readonly stages: readonly Stage[];
}

export function createPipeline(): Pipeline {
  return Object.freeze({ stages: Object.freeze(STAGES.map((s) => s.stage)) });
}
