// The one clock of packaging. Zip entries carry a time; to keep zips byte-stable it is never "now":
// SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/) when set, else a fixed date.

/** 1980-01-01T00:00:00Z: the DOS epoch, the earliest time a zip entry can hold. */
export const DEFAULT_PACKAGE_TIME = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

/** Latest time accepted from SOURCE_DATE_EPOCH (kept at the classic 2043 DOS-time limit of common zip tools). */
const LATEST_ZIP_TIME_MS = Date.UTC(2043, 11, 31, 23, 59, 58);

/** Latest time a Date can hold (ECMAScript: 8.64e15 ms after 1970). */
const LATEST_DATE_MS = 8.64e15;

/** SOURCE_DATE_EPOCH as whole seconds since 1970 (UTC), or undefined when it is unset or not a whole
 *  number of seconds a Date can hold: the one reading of the variable, for every clock that honours it
 *  (zip entries, the index's generated_at, Date.now() in the sandbox, the research snapshot). */
export function sourceDateEpoch(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.SOURCE_DATE_EPOCH?.trim();
  if (raw === undefined || !/^\d{1,15}$/.test(raw)) return undefined;
  const seconds = Number(raw);
  return seconds * 1000 <= LATEST_DATE_MS ? seconds : undefined;
}

/** Time for zip entries: `SOURCE_DATE_EPOCH` (whole seconds since 1970, UTC) when set and valid,
 *  else DEFAULT_PACKAGE_TIME. An invalid value (not whole seconds, or outside 1980–2043, which a zip
 *  cannot hold faithfully) is ignored
 *  rather than fatal, as reproducible-builds tools do, so a stray variable never breaks a run. */
export function packageTime(env: NodeJS.ProcessEnv = process.env): Date {
  const seconds = sourceDateEpoch(env);
  const ms = seconds === undefined ? undefined : seconds * 1000;
  if (ms === undefined || ms < DEFAULT_PACKAGE_TIME.getTime() || ms > LATEST_ZIP_TIME_MS)
    return new Date(DEFAULT_PACKAGE_TIME.getTime());
  return new Date(ms);
}
