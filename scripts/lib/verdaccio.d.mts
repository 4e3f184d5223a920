import type { ChildProcess, IOType } from 'node:child_process';

export interface Registry {
  url: string;
  userconfig: string;
  child: ChildProcess;
  root: string;
}

export function portFree(port: number): Promise<boolean>;
export function freePort(): Promise<number>;
export function ping(url: string): Promise<boolean>;
export function startVerdaccio(options: {
  root: string;
  port: number;
  seed?: (storage: string) => void;
  token?: string;
  logLevel?: string;
  log?: IOType | number;
  detached?: boolean;
}): Promise<Registry>;
