/**
 * The types every stage shares.
 *
 * An Article goes in; the pipeline annotates a working `Doc` stage by stage; `toCodedDocument`
 * turns it into the public output contract (`CodedDocument`, schema in schema/coded-document.schema.json).
 *
 * Every annotation carries character offsets (`start`, `end`, into `article.text` exactly as given)
 * and an `Evidence` record: which stage and rule produced it, from which dictionary entry and
 * version, whether the value was stated in the text or implied, and a confidence.
 */

export type StageName =
  | 'segment'
  | 'actors'
  | 'coref'
  | 'time'
  | 'places'
  | 'quotes'
  | 'events'
  | 'dedupe'
  | 'sourcing';

export type Anchor = 'stated' | 'implied';

export interface Evidence {
  stage: StageName;
  /** Rule id (e.g. `actors/titled-name`) or dictionary entry id (e.g. `people:putin`). */
  rule: string;
  /** Data file and version the rule came from, e.g. `data/actors/people.json@2025.05.1`. */
  source?: string;
  /** `stated` when the text says it, `implied` when the engine filled it in. */
  anchor: Anchor;
  /** 0..1: how sure the rule is. */
  confidence: number;
  note?: string;
}

export interface Span {
  start: number;
  end: number;
  text: string;
}

/** What a user hands in. */
export interface Article {
  id?: string;
  text: string;
  /** Publication date or date-time, ISO 8601 (YYYY-MM-DD or full timestamp). */
  published?: string;
  title?: string;
  url?: string;
  outlet?: string;
  /** Raw HTML the text was extracted from, if any (kept by ingest, never parsed here). */
  html?: string;
  language?: string;
}

export interface CodeOptions {
  /** Overrides article.published. */
  published?: string;
  /** Include tokens and sentences in the output (debugging). */
  debug?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Segmentation (stage `segment`)

export type Tense = 'past' | 'present' | 'future' | 'none';

export interface Token {
  /** Index in doc.tokens. */
  i: number;
  start: number;
  end: number;
  text: string;
  /** Lower-cased text. */
  norm: string;
  lemma: string;
  /** Universal POS tag from wink-nlp (NOUN, PROPN, VERB, AUX, ADP, DET, PRON, ADJ, ADV, CCONJ, PUNCT, NUM, PART, SCONJ, ...). */
  pos: string;
  /** For verbs: past (said, met, was held), present (says), none (infinitive, gerund). */
  tense: Tense;
  /** Verb form: VBD (past), VBN (participle), VBG (gerund), VBZ (3sg), VB (base), or '' for non-verbs. */
  form: string;
  /** wink-nlp negation flag, trimmed to the clause. */
  negated: boolean;
  /** Index of the sentence this token is in. */
  sentence: number;
  /** Starts with a capital letter. */
  cap: boolean;
}

export interface Sentence {
  i: number;
  start: number;
  end: number;
  text: string;
  /** Token index range [tokenStart, tokenEnd). */
  tokenStart: number;
  tokenEnd: number;
  /** Paragraph index (0 = the headline if the first line is one). */
  paragraph: number;
  /** True for the first line when it looks like a headline (no final punctuation). */
  headline: boolean;
}

// ---------------------------------------------------------------------------------------------
// Actors (stages `actors`, `coref`)

export type ActorKind =
  | 'person'
  | 'country' // a state as an actor ("Russia", "Moscow", "the Kremlin")
  | 'organisation' // a named organisation, party, company, agency, outlet
  | 'igo' // intergovernmental organisation (UN, NATO, EU)
  | 'ngo'
  | 'group' // a role group: "Ukrainian delegation", "Russian troops", "protesters"
  | 'anonymous' // "a Kremlin spokesperson", "a senior official in Zelensky's office"
  | 'collective' // "Western leaders"
  | 'media'
  | 'generic'; // a noun phrase with no dictionary actor, taken as an event argument ("18 people", "an army camp")

/** A resolved real-world actor. Mentions point to it by id. */
export interface Actor {
  id: string;
  name: string;
  /** CAMEO actor code (e.g. USAGOV, RUSMIL, IGOWSTNAT) or null when unknown — never invented. */
  code: string | null;
  /** ISO-3 country (or region code such as WST/EUR) or null. */
  country: string | null;
  /** Primary CAMEO role/type code (GOV, MIL, REB, OPP, MED, IGO, ...) or null. */
  type: string | null;
  kind: ActorKind;
  /** Title or role as written (e.g. "Defense Minister"). */
  title?: string;
  evidence: Evidence;
}

export type MentionHow =
  | 'name' // full name or organisation name
  | 'surname' // later surname mention
  | 'titled' // title + name ("UK Prime Minister Keir Starmer")
  | 'country' // country name or adjective used as an actor
  | 'capital' // metonymic seat of power (Moscow, the Kremlin, the White House)
  | 'role' // role noun phrase ("Ukrainian delegation", "Russian troops")
  | 'anonymous'
  | 'collective'
  | 'compound' // one member of a compound ("the leaders of Britain, France, ...")
  | 'pronoun' // resolved by coref
  | 'anaphor' // role anaphor resolved by coref ("the spokesperson")
  | 'generic'; // a noun phrase the events stage took as an argument (kind 'generic')

export interface ActorMention {
  id: string;
  actor: string;
  start: number;
  end: number;
  text: string;
  sentence: number;
  /** Token index range [tokenStart, tokenEnd). */
  tokenStart: number;
  tokenEnd: number;
  /** Index of the head token (the one syntax attaches to). */
  head: number;
  /**
   * Token range [npStart, npEnd) of the whole noun phrase this mention stands for. Usually the
   * mention itself; for a compound member it is the whole coordination ("the leaders of Britain,
   * France, Germany and Italy"), so the events stage can place every member in the same slot.
   */
  npStart: number;
  npEnd: number;
  how: MentionHow;
  /** For compound mentions: all members share a group id, each member is its own mention. */
  group?: string;
  /** Possessive ("Russia's", "Zelensky's"): a modifier, usually not an event argument. */
  possessive?: boolean;
  evidence: Evidence;
}

// ---------------------------------------------------------------------------------------------
// Time (stage `time`)

export type TimeType = 'DATE' | 'TIME' | 'DURATION' | 'SET';
export type Precision = 'year' | 'quarter' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second' | 'none';

export interface TimeExpr {
  id: string;
  start: number;
  end: number;
  text: string;
  type: TimeType;
  /** TIMEX3 value: 2025-05-19, 2025-W20, 2025-05, P3Y, PRESENT_REF, ... */
  value: string;
  precision: Precision;
  /** stated: the text gives the date; implied: resolved relative to the publication date. */
  anchor: Anchor;
  sentence: number;
  evidence: Evidence;
}

// ---------------------------------------------------------------------------------------------
// Places (stage `places`)

export interface Place {
  id: string;
  start: number;
  end: number;
  text: string;
  name: string;
  /** ISO-3 country code. */
  country: string | null;
  lat: number | null;
  lon: number | null;
  geonameid: number | null;
  /** GeoNames feature class/code, e.g. PCLI (country), PPLC (capital), PPL, ADM1. */
  feature: string | null;
  confidence: number;
  sentence: number;
  evidence: Evidence;
}

// ---------------------------------------------------------------------------------------------
// Quotes (stage `quotes`)

export type QuoteKind = 'direct' | 'partial' | 'indirect';

export interface QuoteSpeaker {
  actor: string | null;
  name: string;
  code: string | null;
  start: number;
  end: number;
}

export interface Quote {
  id: string;
  kind: QuoteKind;
  text: string;
  start: number;
  end: number;
  speaker: QuoteSpeaker | null;
  cue: Span | null;
  medium: string | null;
  evidence: Evidence;
}

export interface WireCredit {
  /** Agency name as normalised (AFP, Reuters, AP, ...). */
  name: string;
  start: number;
  end: number;
  text: string;
  rule: string;
}

// ---------------------------------------------------------------------------------------------
// Events (stage `events`)

export type Modality = 'asserted' | 'future' | 'hypothetical' | 'negated' | 'reported';

export interface EventActorRef {
  /** Actor id in doc.actors. */
  actor: string;
  code: string | null;
  country: string | null;
  /** The mention the role was taken from. */
  mention?: string;
}

export interface EventDate {
  /** TIMEX3 value (YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY). */
  value: string;
  precision: Precision;
  anchor: Anchor;
  /** The time expression that governs the event's clause, when there is one. */
  time: string | null;
  start?: number;
  end?: number;
}

export interface EventPlace {
  place: string | null;
  name: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
  start?: number;
  end?: number;
}

export interface EventEvidence {
  sentence: number;
  /** Offsets of the sentence (or clause) the event was coded from. */
  start: number;
  end: number;
  text: string;
  /** Rule or dictionary entry that fired, e.g. `verbs:meet/with`. */
  rule: string;
  confidence: number;
  /** The trigger word(s). */
  trigger?: Span;
  /** Why the modality was assigned (cue word + offsets). */
  modalityCue?: Span;
  source?: string;
}

export interface CodedEvent {
  id: string;
  /** CAMEO event code, e.g. "036", "0412", "172". */
  code: string;
  /** CAMEO root, "01".."20". */
  root: string;
  name: string;
  goldstein: number;
  /** GDELT QuadClass: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict. */
  quad: 1 | 2 | 3 | 4;
  plover: { type: string | null; mode: string | null; context: string | null } | null;
  source: EventActorRef | null;
  target: EventActorRef | null;
  /** Events expanded from one compound/reciprocal statement share a group id. */
  group: string | null;
  modality: Modality;
  date: EventDate | null;
  place: EventPlace | null;
  /** Id of the quote the event was coded from, if inside one. */
  quote?: string | null;
  evidence: EventEvidence;
}

// ---------------------------------------------------------------------------------------------
// Output contract

export interface ArticleOut {
  id: string | null;
  title: string | null;
  published: string | null;
  url: string | null;
  outlet: string | null;
  wire: WireCredit[];
}

export interface ActorOut extends Actor {
  mentions: { start: number; end: number; text: string; how: MentionHow }[];
}

export interface CodedDocument {
  dyad: string;
  article: ArticleOut;
  actors: ActorOut[];
  events: CodedEvent[];
  quotes: Quote[];
  times: TimeExpr[];
  places: Place[];
  warnings?: string[];
  debug?: { sentences: Sentence[]; tokens: Token[] };
}

// ---------------------------------------------------------------------------------------------
// The working document passed through the stages.

export interface Doc {
  article: Article;
  /** The article text exactly as given: all offsets index into it. */
  text: string;
  /** Publication date as YYYY-MM-DD, or null. */
  published: string | null;
  meta: ArticleOut;
  sentences: Sentence[];
  tokens: Token[];
  actors: Map<string, Actor>;
  mentions: ActorMention[];
  times: TimeExpr[];
  places: Place[];
  quotes: Quote[];
  events: CodedEvent[];
  warnings: string[];
  /** Scratch space for stages to pass internal results to later stages. */
  scratch: Record<string, unknown>;
  /** Monotonic id counters per prefix. */
  nextId(prefix: string): string;
}
