// The one stylesheet, read once at start-up and served with a content hash in its URL so that browsers may
// cache it for long and still get a new one after a change.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const STYLESHEET = readFileSync(new URL('./static/app.css', import.meta.url), 'utf8');
const STYLESHEET_VERSION = createHash('sha256').update(STYLESHEET).digest('hex').slice(0, 12);
export const STYLESHEET_PATH = '/static/app.css';
export const STYLESHEET_HREF = `${STYLESHEET_PATH}?v=${STYLESHEET_VERSION}`;
