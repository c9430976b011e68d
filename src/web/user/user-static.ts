// The users' screens' few extra styles (steps, amounts, the confirm box), served next to the admin's
// stylesheet with a content hash in the URL, so browsers cache it long and still get a changed one.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const USER_STYLESHEET = readFileSync(new URL('./user.css', import.meta.url), 'utf8');
export const USER_STYLESHEET_PATH = '/static/bizotp-user.css';
export const USER_STYLESHEET_HREF = `${USER_STYLESHEET_PATH}?v=${createHash('sha256').update(USER_STYLESHEET).digest('hex').slice(0, 12)}`;
