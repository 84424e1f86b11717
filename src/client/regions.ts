// Region → base URL, as the official SDK region tables have them (research notes §e). A test holds these
// tables equal to the `servers` of generated/*.openapi.json, so the spec and the client cannot drift apart.

/** MPC endpoints by region. CN North-Beijing1 keeps the older `mts.` host name. */
export const MPC_REGIONS = Object.freeze({
  'cn-north-4': 'https://mpc.cn-north-4.myhuaweicloud.com',
  'cn-east-2': 'https://mpc.cn-east-2.myhuaweicloud.com',
  'cn-east-3': 'https://mpc.cn-east-3.myhuaweicloud.com',
  'cn-south-1': 'https://mpc.cn-south-1.myhuaweicloud.com',
  'ap-southeast-3': 'https://mpc.ap-southeast-3.myhuaweicloud.com',
  'cn-north-1': 'https://mts.cn-north-1.myhuaweicloud.com',
} as const);

/**
 * VOD endpoints by region. Accounts of the International website can use VOD in cn-north-4, ap-southeast-2
 * and ap-southeast-3 only; the others serve Chinese-website accounts.
 */
export const VOD_REGIONS = Object.freeze({
  'cn-north-4': 'https://vod.cn-north-4.myhuaweicloud.com',
  'cn-north-1': 'https://vod.cn-north-1.myhuaweicloud.com',
  'cn-east-2': 'https://vod.cn-east-2.myhuaweicloud.com',
  'ap-southeast-1': 'https://vod.ap-southeast-1.myhuaweicloud.com',
  'ap-southeast-2': 'https://vod.ap-southeast-2.myhuaweicloud.com',
  'ap-southeast-3': 'https://vod.ap-southeast-3.myhuaweicloud.com',
} as const);

export type MpcRegion = keyof typeof MPC_REGIONS;
export type VodRegion = keyof typeof VOD_REGIONS;
