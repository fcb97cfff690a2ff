import { z } from "zod";

/**
 * The largest value of a serial (int4) id column. A bigger id cannot exist, and Postgres refuses
 * to compare an int4 column with it ("out of range", a 500), so schemas stop it first.
 */
export const MAX_SERIAL_ID = 2_147_483_647;

/** A row id given in a body: a whole number from 1 to MAX_SERIAL_ID, else `message`. */
export const serialIdSchema = (message: string) => z.number({ error: message }).int(message).min(1, message).max(MAX_SERIAL_ID, message);

/** The same, given as a query-string parameter. */
export const serialIdParamSchema = (message: string) => z.coerce.number({ error: message }).int(message).min(1, message).max(MAX_SERIAL_ID, message);

/** The shape of a uuid column's value; anything else makes Postgres refuse the query (a 500), so it never gets there. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (s: string) => UUID_PATTERN.test(s);

/** A uuid row id given in a body or a query string, else `message`. */
export const uuidSchema = (message: string) => z.string({ error: message }).trim().regex(UUID_PATTERN, message);
