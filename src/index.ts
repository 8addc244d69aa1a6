/** dyad's typed library API. */
export { code, checkArticle, newDoc, toCodedDocument } from './code.js';
export { createPipeline, STAGES } from './pipeline.js';
export { DyadInputError, isUserError } from './errors.js';
export { VERSION } from './version.js';
export type * from './document.js';
