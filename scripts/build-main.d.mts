import type { BuildOptions } from 'esbuild';

export function mainBuildOptions(): BuildOptions[];
