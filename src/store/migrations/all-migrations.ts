// Every migration, oldest first. Append here; never edit or reorder a released one.
import { initialSchema } from './001-initial.ts';
import { paymentsSchema } from './002-payments.ts';
import { registrationByUserIndex } from './003-registration-by-user.ts';
import { reservationsSchema } from './008-reservations.ts';
import type { Migration } from './migration.ts';

export const MIGRATIONS: readonly Migration[] = [initialSchema, paymentsSchema, registrationByUserIndex, reservationsSchema];
