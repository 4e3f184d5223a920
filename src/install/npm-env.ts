// npm settings for every npm process plugin-plugins spawns (it passes process.env through): lifecycle
// scripts never run, and a registry that is down fails in seconds instead of ~70 s of retries.

/** Settings forced on (scripts) or defaulted (network) when the user has not set them. */
export function applyInstallEnv(env: NodeJS.ProcessEnv = process.env): void {
  env.npm_config_ignore_scripts = 'true';
  const defaults: Record<string, string> = {
    npm_config_fetch_retries: '0',
    npm_config_fetch_timeout: '15000',
    npm_config_fetch_retry_mintimeout: '1000',
    npm_config_fetch_retry_maxtimeout: '2000',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  for (const [key, value] of Object.entries(defaults)) env[key] ??= value;
}
