// The API's JSON schema validator: Ajv without Fastify's defaults of type coercion and removal of
// properties, so a value of the wrong type is a 400 and never quietly converted (`123456` is not "123456").

import { Ajv } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

export function strictValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const ajv = new Ajv({ coerceTypes: false, useDefaults: false, removeAdditional: false, allErrors: false, strict: true });
  return ({ schema }) => ajv.compile(schema as object);
}
