// Error bodies as they come: the service's `{error_code, error_msg}`, the gateway's `{error_code,
// error_msg, request_id}` (code prefix APIG. or APIGW.), or anything else a proxy may answer with. Nothing
// here trusts the body's shape; a field of the wrong type is treated as absent.

export interface ErrorBodyFields {
  errorCode?: string;
  errorMsg?: string;
  requestId?: string;
}

export function parseErrorBody(text: string): ErrorBodyFields {
  if (!/^\s*\{/.test(text)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  const body = parsed as Record<string, unknown>;
  const fields: ErrorBodyFields = {};
  if (typeof body['error_code'] === 'string' && body['error_code'] !== '') fields.errorCode = body['error_code'];
  if (typeof body['error_msg'] === 'string') fields.errorMsg = body['error_msg'];
  if (typeof body['request_id'] === 'string' && body['request_id'] !== '') fields.requestId = body['request_id'];
  return fields;
}

/** Whether `code` is an API gateway code; both prefixes occur in real responses. */
export function isGatewayCode(code: string | undefined): boolean {
  return code !== undefined && /^APIGW?\./.test(code);
}
