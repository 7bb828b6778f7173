import fc from 'fast-check';

/** An OpenAPI schema object, as far as the fuzzer reads it. */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

export type Components = Record<string, Schema>;

/**
 * Strings that have broken web applications: empty and blank, control characters and a lone
 * surrogate, combining marks and right-to-left text, SQL, script, template, path and format-string
 * injection, prototype keys, dates that do not exist, number-like text, and the long ones.
 */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\t\n\r',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uFEFF',
  'Å'.repeat(3) + '\u0301\u0301',
  '\u202Eevil\u202C',
  '𝕍ärn 😀',
  'ÅÄÖåäö',
  "' OR '1'='1' --",
  '"; DROP TABLE users; --',
  "1'; SELECT pg_sleep(5); --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}',
  '${jndi:ldap://127.0.0.1/a}',
  '%s%s%s%n',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2f',
  '__proto__',
  'constructor',
  'prototype',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e309',
  '9007199254740993',
  '2026-02-30',
  '0000-00-00',
  '9999-12-31T23:59:59.999Z',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'x'.repeat(257),
  'x'.repeat(5000),
  'y'.repeat(120_000),
];

export const hostileString = fc.constantFrom(...HOSTILE_STRINGS);

/** Any JSON value, wrong-typed on purpose, including nested and prototype-polluting ones. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, false, 0, -1, 1.5, -1e308, 1e308, 2 ** 53 + 1, [], {}),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.integer()), { maxLength: 5 }),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}')),
  fc.constant(deepObject(60)),
  fc.constant(Array.from({ length: 5000 }, (_, i) => i)),
);

function deepObject(depth: number): unknown {
  let o: unknown = { leaf: true };
  for (let i = 0; i < depth; i++) o = { nested: o };
  return o;
}

function resolve(schema: Schema | undefined, components: Components, seen = 0): Schema {
  if (!schema) return {};
  if (schema.$ref && seen < 8) {
    const name = schema.$ref.split('/').pop()!;
    return resolve(components[name], components, seen + 1);
  }
  if (schema.allOf?.length) {
    const parts = schema.allOf.map((s) => resolve(s, components, seen + 1));
    return {
      type: 'object',
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})) as Record<
        string,
        Schema
      >,
      required: parts.flatMap((p) => p.required ?? []),
    };
  }
  return schema;
}

/** A value that fits the schema's type, with edge-case content (plausible, not necessarily valid). */
function plausible(schema: Schema, components: Components, depth: number): fc.Arbitrary<unknown> {
  const s = resolve(schema, components);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const variants = s.oneOf ?? s.anyOf;
  if (variants?.length) return fc.oneof(...variants.map((v) => valueFor(v, components, depth + 1)));
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      if (s.format === 'uuid') return fc.oneof(fc.uuid(), hostileString);
      if (s.format === 'date' || s.format === 'date-time')
        return fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
          hostileString,
        );
      return fc.oneof(
        fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 60, 200) }),
        hostileString,
      );
    case 'integer':
      return fc.oneof(
        fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 1000 }),
        fc.constantFrom(-1, 0, 2 ** 31, 2 ** 53 + 1, -(2 ** 63)),
      );
    case 'number':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(1e308));
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 4
        ? fc.constant([])
        : fc.array(valueFor(s.items ?? {}, components, depth + 1), { maxLength: 4 });
    case 'object':
    default:
      if (!s.properties || depth > 4) return fc.oneof(fc.constant({}), wrongValue);
      return objectFor(s, components, depth);
  }
}

function objectFor(s: Schema, components: Components, depth: number): fc.Arbitrary<unknown> {
  const props = Object.entries(s.properties ?? {});
  const required = new Set(s.required ?? []);
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, v] of props) record[k] = valueFor(v, components, depth + 1);
  return fc
    .tuple(
      fc.record(record, {
        requiredKeys: props.map(([k]) => k).filter((k) => required.has(k) && Math.random() < 0.9),
      }),
      // sometimes an extra field the DTO does not know
      fc.option(fc.tuple(fc.oneof(hostileString, fc.string({ maxLength: 12 })), wrongValue), {
        freq: 4,
      }),
    )
    .map(([o, extra]) => (extra ? { ...(o as object), [extra[0]]: extra[1] } : o));
}

/** Mostly a plausible value of the schema, sometimes one of the wrong type. */
export function valueFor(
  schema: Schema | undefined,
  components: Components,
  depth = 0,
): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: plausible(schema ?? {}, components, depth) },
    { weight: 1, arbitrary: wrongValue },
  );
}

/** A request body for the schema: an object, or something that is not what the route expects. */
export function bodyFor(schema: Schema | undefined, components: Components): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: schema ? plausible(schema, components, 0) : fc.constant({}) },
    { weight: 2, arbitrary: wrongValue },
  );
}
