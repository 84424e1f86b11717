export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';
/** SHA-256 of zero bytes: the payload hash of every body-less request, these DELETEs included. */
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export const HEADER_SDK_DATE = 'X-Sdk-Date';
export const HEADER_AUTHORIZATION = 'Authorization';
export const HEADER_SECURITY_TOKEN = 'X-Security-Token';
export const HEADER_PROJECT_ID = 'X-Project-Id';
export const HEADER_AUTH_TOKEN = 'X-Auth-Token';
/** When present, its value replaces the body hash (e.g. `UNSIGNED-PAYLOAD`), as in every official signer. */
export const HEADER_CONTENT_SHA256 = 'X-Sdk-Content-Sha256';
