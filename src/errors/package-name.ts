/** Prefix of every error message, so that a log line says which library raised it. */
export const HWCLOUD_MEDIA = 'hwcloud-media';
