// Request validation against the bundled specs (generated/<api>.openapi.json) with ajv: the emulator holds no
// parameter rules of its own, so it cannot drift from the spec.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import type { EmulatedApi } from './types.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as FormatsPlugin;

interface SpecParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: { type?: string } & Record<string, unknown>;
}
interface SpecOperation {
  operationId: string;
  parameters: SpecParameter[];
  responses: Record<string, { headers?: Record<string, { schema: object }>; content?: Record<string, { schema: object }> }>;
}
export interface BundledSpec {
  paths: Record<string, Record<string, SpecOperation>>;
}

export function loadBundledSpec(api: EmulatedApi): BundledSpec {
  // From src/emulator/ and from dist/src/emulator/ alike, generated/ is two folders up.
  return JSON.parse(readFileSync(new URL(`../../generated/${api}.openapi.json`, import.meta.url), 'utf8')) as BundledSpec;
}

export interface RouteValidator {
  api: EmulatedApi;
  operationId: string;
  method: string;
  /** Matches the raw path; the one group is the project_id segment, still percent-encoded. */
  pathPattern: RegExp;
  /** Validates decoded path and query values, converting them to the types the spec declares. */
  validate(path: Record<string, string>, query: URLSearchParams): { ok: true; values: Record<string, unknown> } | { ok: false; field: string };
}

export function buildRouteValidator(api: EmulatedApi, spec: BundledSpec): RouteValidator {
  const [[template, methods]] = Object.entries(spec.paths) as [[string, Record<string, SpecOperation>]];
  const [[method, operation]] = Object.entries(methods) as [[string, SpecOperation]];
  const ajv = new Ajv2020({ allErrors: false, strict: false });
  addFormats(ajv);
  const checked = operation.parameters.filter((p) => p.in === 'path' || p.in === 'query');
  const schema = {
    type: 'object',
    properties: Object.fromEntries(checked.map((p) => [p.name, p.schema])),
    required: checked.filter((p) => p.required).map((p) => p.name),
  };
  const validateValues: ValidateFunction = ajv.compile(schema);
  const pathPattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace('{project_id}', '([^/]*)')}$`);

  return {
    api,
    operationId: operation.operationId,
    method: method.toUpperCase(),
    pathPattern,
    validate(path, query) {
      const values: Record<string, unknown> = {};
      for (const parameter of checked) {
        if (parameter.in === 'path') {
          values[parameter.name] = path[parameter.name];
          continue;
        }
        const all = query.getAll(parameter.name);
        // A repeated parameter has no meaning for these operations (assumption: the services refuse it).
        if (all.length > 1) return { ok: false, field: parameter.name };
        if (all.length === 1) values[parameter.name] = deserialize(all[0]!, parameter.schema.type);
      }
      if (validateValues(values)) return { ok: true, values };
      const error = validateValues.errors?.[0];
      const field =
        error?.keyword === 'required'
          ? String((error.params as { missingProperty?: string }).missingProperty)
          : (error?.instancePath.split('/')[1] ?? 'request');
      return { ok: false, field };
    },
  };
}

/**
 * Query values are text; turn one into the type the spec declares, as the service's own parameter binding would.
 * Integers take plain decimal digits only (what Java's Integer.parseInt accepts): `1e3`, `0x10` and ` 1`
 * stay strings and fail the schema.
 */
function deserialize(text: string, type: string | undefined): unknown {
  if (type === 'integer' && /^[+-]?\d+$/.test(text)) return Number(text);
  return text;
}

/** Validates emulator answers against the documented responses (used by the tests, and handy for users'). */
export function buildResponseValidator(spec: BundledSpec) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const [[, methods]] = Object.entries(spec.paths) as [[string, Record<string, SpecOperation>]];
  const [[, operation]] = Object.entries(methods) as [[string, SpecOperation]];
  const compiled = new Map<string, { headers: Array<[string, ValidateFunction]>; body?: ValidateFunction }>();
  for (const [status, response] of Object.entries(operation.responses)) {
    const json = response.content?.['application/json'];
    compiled.set(status, {
      headers: Object.entries(response.headers ?? {}).map(([name, header]) => [name, ajv.compile(header.schema)]),
      ...(json ? { body: ajv.compile(json.schema) } : {}),
    });
  }
  /** Problems with one answer; an empty list when it is a documented response. */
  return (status: number, headers: Headers, body: string): string[] => {
    const expected = compiled.get(String(status));
    if (!expected) return [`status ${status} is not documented`];
    const problems: string[] = [];
    for (const [name, validate] of expected.headers) {
      const value = headers.get(name);
      if (value === null || !validate(value)) problems.push(`header ${name}: ${value === null ? 'missing' : ajv.errorsText(validate.errors)}`);
    }
    if (expected.body) {
      if (!headers.get('content-type')?.startsWith('application/json')) problems.push('content-type is not application/json');
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
        if (!expected.body(parsed)) problems.push(`body: ${ajv.errorsText(expected.body.errors)}`);
      } catch {
        problems.push('body is not JSON');
      }
    } else if (body !== '') {
      problems.push('body should be empty');
    }
    return problems;
  };
}
