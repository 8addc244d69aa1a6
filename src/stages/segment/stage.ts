import type { Stage } from '../types.js';
import { segment } from './index.js';

export const segmentStage: Stage = { name: 'segment', run: segment };
