// Package entry. Portable: runs on Node >= 20.19, Deno, Bun, browsers and edge workers, so no `node:` imports.
export type { paths as MpcPaths, components as MpcComponents, operations as MpcOperations } from '../generated/mpc.js';
export type { paths as VodPaths, components as VodComponents, operations as VodOperations } from '../generated/vod.js';
